// How long a rate-limited or overloaded server asks us to wait.

import { headerValue, type HeaderMap } from './headers';

/**
 * Milliseconds to wait before retrying, from `retry-after-ms` (OpenAI, float ms) or else `retry-after`
 * (seconds, or an HTTP date). Undefined when absent or unparseable.
 */
export function parseRetryAfter(headers: HeaderMap, now: number = Date.now()): number | undefined {
  const ms = headerValue(headers, 'retry-after-ms')?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.ceil(Number(ms));
  const ra = headerValue(headers, 'retry-after')?.trim();
  if (!ra) return undefined;
  if (/^\d+(\.\d+)?$/.test(ra)) return Math.ceil(Number(ra) * 1000);
  const date = Date.parse(ra);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
