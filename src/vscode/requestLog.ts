// One info line per request (no prompt text), the prompt itself only at trace level.

import type { RequestReport } from '../core/engine';
import type { Log } from './log';

export function logRequest(log: Log, r: RequestReport): void {
  const parts = [
    `model=${r.model}`,
    `prompt=${r.promptTokens}tok/${r.promptChars}ch`,
    `suffix=${r.suffixTokens}tok/${r.suffixChars}ch`,
    `context=${r.contextTokens}tok/${r.contextSnippets.length}${r.contextMs === undefined ? '' : `/${r.contextMs}ms`}`,
    `n=${r.choices}`,
    `ttft=${r.timeToFirstTokenMs === undefined ? '-' : `${r.timeToFirstTokenMs}ms`}`,
    `total=${r.totalMs}ms`,
    `finish=${r.finishReason ?? '-'}`,
    `usage=${r.usage ? `${r.usage.prompt_tokens}+${r.usage.completion_tokens}${r.usageEstimated ? '(est)' : ''}` : '-'}`,
    `cancelled=${r.cancelled}`,
  ];
  if (r.error) {
    log.warn(`request failed: ${r.error.message} (${parts.join(' ')})`);
  } else {
    log.info(`request ${parts.join(' ')}`);
  }
  if (r.contextSnippets.length > 0) log.trace(`context: ${r.contextSnippets.join(', ')}`);
  log.trace(`prompt: ${JSON.stringify(r.prompt)}${r.suffix !== undefined ? ` suffix: ${JSON.stringify(r.suffix)}` : ''}`);
}
