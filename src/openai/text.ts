// Short texts for messages: untrusted server or user text made safe to show, durations made readable.

import { redact } from '../core/redact';

/**
 * A single-line, bounded excerpt of untrusted text for messages. Secrets are masked BEFORE the text is cut:
 * a key straddling the cut would otherwise leave a prefix that no longer matches the whole key.
 */
export function snippet(text: string, max = 80, secrets: readonly string[] = []): string {
  // eslint-disable-next-line no-control-regex
  const flat = redact(text, secrets).replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max) + '…' : flat;
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
