// Strict readers for the numbers in a completion chunk that the engine acts on: which choice a piece of text
// belongs to, and the token usage that is billed. A wrong value here would merge alternatives or skew the ledger.

import { isRecord } from './json';
import type { Usage } from '../core/ports';

/**
 * The choice a chunk belongs to: a whole number below `n`. A missing index is choice 0 (some compatible servers
 * leave it out when n is 1); anything else, such as "1" or 0.5, is undefined: the caller must not guess,
 * since guessing would merge one alternative's text into another.
 */
export function choiceIndex(choice: Record<string, unknown>, n: number): number | undefined {
  const index = choice.index;
  if (index === undefined || index === null) return 0;
  return Number.isSafeInteger(index) && (index as number) >= 0 && (index as number) < Math.max(1, n) ? (index as number) : undefined;
}

// No completion request has anywhere near this many tokens (the largest context windows are about a million).
const MAX_PLAUSIBLE_TOKENS = 10_000_000;
// total_tokens is prompt + completion; servers that round or count a special token may be off by a little.
const TOTAL_SLACK_TOKENS = 8;
const TOTAL_SLACK_SHARE = 0.01;

/** A server's `usage`, or undefined when absent or implausible (then it is better not counted than miscounted). */
export function readUsage(v: unknown): Usage | undefined {
  if (!isRecord(v)) return undefined;
  const prompt = tokenCount(v.prompt_tokens);
  const completion = tokenCount(v.completion_tokens);
  if (prompt === undefined || completion === undefined) return undefined;
  const sum = prompt + completion;
  if (v.total_tokens === undefined || v.total_tokens === null) return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: sum };
  const total = tokenCount(v.total_tokens);
  if (total === undefined || Math.abs(total - sum) > Math.max(TOTAL_SLACK_TOKENS, sum * TOTAL_SLACK_SHARE)) return undefined;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: total };
}

function tokenCount(x: unknown): number | undefined {
  return Number.isSafeInteger(x) && (x as number) >= 0 && (x as number) <= MAX_PLAUSIBLE_TOKENS ? (x as number) : undefined;
}
