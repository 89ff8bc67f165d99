// Fits the text around the cursor into the model's context window, counted in real
// cl100k_base tokens (the encoding of gpt-3.5-turbo-instruct, davinci-002 and babbage-002).
//
// Cost is bounded by the budget, not by the input: lines are counted one at a time from the
// cursor outwards and counting stops as soon as the budget is spent.

import type * as Cl100k from 'gpt-tokenizer/cjs/encoding/cl100k_base';

/**
 * Tokens held back from the prompt budget. With a suffix the server wraps prefix and suffix
 * in insert-mode special tokens we cannot see, and tokenizing prefix and suffix apart can
 * differ by a token at each seam from how the server tokenizes them.
 */
export const SPECIAL_TOKEN_MARGIN = 10;

export const DEFAULT_SUFFIX_SHARE = 0.25;

export interface TokenBudget {
  /** The model's context window: prompt + suffix + completion. */
  contextTokens: number;
  /** Reserved for the completion (`max_tokens`). */
  maxTokens: number;
  /** Fraction (0..1) of the prompt budget the suffix may use; unused budget goes to the other side. */
  suffixShare?: number;
}

export interface FittedContext {
  prefix: string;
  suffix: string;
  prefixTokens: number;
  suffixTokens: number;
}

/**
 * Keeps the end of `prefix` (whole lines, dropped from its start) and the start of `suffix`
 * (whole lines, dropped from its end) so that prefixTokens + suffixTokens
 * ≤ contextTokens − maxTokens − SPECIAL_TOKEN_MARGIN. A single line too long for its budget
 * (minified code) is cut mid-line rather than dropped. The token counts are exact.
 */
export function fitTokenBudget(prefix: string, suffix: string, budget: TokenBudget): FittedContext {
  const available = Math.max(0, Math.floor(budget.contextTokens - budget.maxTokens - SPECIAL_TOKEN_MARGIN));
  const share = Math.min(1, Math.max(0, budget.suffixShare ?? DEFAULT_SUFFIX_SHARE));

  let after = keepHead(suffix, Math.floor(available * share));
  const before = keepTail(prefix, available - after.tokens);
  // A short prefix leaves room the suffix may use after all.
  if (after.truncated && before.tokens + after.tokens < available) {
    after = keepHead(suffix, available - before.tokens);
  }
  return { prefix: before.text, suffix: after.text, prefixTokens: before.tokens, suffixTokens: after.tokens };
}

/** Exact cl100k_base token count, treating text like `<|endoftext|>` as plain text (as the API does). */
export function countTokens(text: string): number {
  return text === '' ? 0 : tokenizer().countTokens(text, PLAIN_TEXT);
}

/** Loads the tokenizer now (it takes tens of milliseconds) instead of on the first request. */
export function warmUpTokenizer(): void {
  tokenizer();
}

const KNOWN_CONTEXT_WINDOWS: ReadonlyArray<[prefix: string, tokens: number]> = [
  ['gpt-3.5-turbo-instruct', 4096],
  ['davinci-002', 16384],
  ['babbage-002', 16384],
];
const UNKNOWN_MODEL_WINDOW = 4096;

/**
 * Context window of a Completions model. `overrides` (from settings, keyed by model id) wins;
 * fine-tunes (`ft:davinci-002:org::id`) inherit their base model's window; models we do not
 * know (local servers, Azure deployment names) get a conservative 4096.
 */
export function contextWindowForModel(model: string, overrides: Readonly<Record<string, number>>): number {
  const base = model.startsWith('ft:') ? model.split(':')[1] ?? model : model;
  for (const id of [model, base]) {
    const v = Object.prototype.hasOwnProperty.call(overrides, id) ? overrides[id] : undefined;
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) return Math.floor(v);
  }
  const known = KNOWN_CONTEXT_WINDOWS.find(([name]) => base === name || base.startsWith(`${name}-`));
  return known ? known[1] : UNKNOWN_MODEL_WINDOW;
}

interface Kept {
  text: string;
  tokens: number;
  truncated: boolean;
}

const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

let loaded: typeof Cl100k | undefined;
function tokenizer(): typeof Cl100k {
  // Loaded on first use so that activating the extension does not pay for the BPE tables.
  loaded ??= require('gpt-tokenizer/cjs/encoding/cl100k_base') as typeof Cl100k;
  return loaded;
}

/** The end of `text` within `budget` tokens: whole lines, counted from the end backwards. */
function keepTail(text: string, budget: number): Kept {
  if (text === '') return { text, tokens: 0, truncated: false };
  if (budget <= 0) return { text: '', tokens: 0, truncated: true };

  let start = text.length; // `text.slice(start)` is what we keep
  let spent = 0;
  while (start > 0) {
    const lineStart = startOfLineEndingAt(text, start);
    const cost = countTokens(text.slice(lineStart, start));
    if (spent + cost > budget) break;
    spent += cost;
    start = lineStart;
  }
  if (start === text.length) return cutLineTail(text.slice(startOfLineEndingAt(text, text.length)), budget);

  // Counting line by line can differ slightly from counting the joined text: verify once.
  let kept = text.slice(start);
  let tokens = countTokens(kept);
  while (tokens > budget) {
    const nl = kept.indexOf('\n');
    if (nl === -1 || nl === kept.length - 1) return cutLineTail(kept, budget);
    kept = kept.slice(nl + 1);
    tokens = countTokens(kept);
  }
  return { text: kept, tokens, truncated: kept.length < text.length };
}

/** Start of the line that ends at `end` (a line includes its own trailing \n). */
function startOfLineEndingAt(text: string, end: number): number {
  return end >= 2 ? text.lastIndexOf('\n', end - 2) + 1 : 0;
}

/** The start of `text` within `budget` tokens: whole lines, counted from the start onwards. */
function keepHead(text: string, budget: number): Kept {
  if (text === '') return { text, tokens: 0, truncated: false };
  if (budget <= 0) return { text: '', tokens: 0, truncated: true };

  let end = 0; // `text.slice(0, end)` is what we keep
  let spent = 0;
  while (end < text.length) {
    const nl = text.indexOf('\n', end);
    const lineEnd = nl === -1 ? text.length : nl + 1;
    const cost = countTokens(text.slice(end, lineEnd));
    if (spent + cost > budget) break;
    spent += cost;
    end = lineEnd;
  }
  if (end === 0) {
    const nl = text.indexOf('\n');
    return cutLineHead(nl === -1 ? text : text.slice(0, nl), budget);
  }

  let kept = text.slice(0, end);
  let tokens = countTokens(kept);
  while (tokens > budget) {
    const nl = kept.lastIndexOf('\n', kept.length - 2);
    if (nl === -1) return cutLineHead(kept.replace(/\n$/, ''), budget);
    kept = kept.slice(0, nl + 1);
    tokens = countTokens(kept);
  }
  return { text: kept, tokens, truncated: kept.length < text.length };
}

// A line too long for the whole budget: keep as many characters as fit. Starts from a
// generous guess (code averages 3-4 characters a token) and shrinks proportionally, so only
// a few counts of about `budget` tokens each are needed.
function cutLineTail(line: string, budget: number): Kept {
  return cutLine(line, budget, (n) => {
    let start = line.length - n;
    if (start > 0 && isLowSurrogate(line.charCodeAt(start))) start++;
    return line.slice(start);
  });
}

function cutLineHead(line: string, budget: number): Kept {
  return cutLine(line, budget, (n) => {
    let end = n;
    if (end > 0 && end < line.length && isLowSurrogate(line.charCodeAt(end))) end--;
    return line.slice(0, end);
  });
}

function cutLine(line: string, budget: number, take: (chars: number) => string): Kept {
  let n = Math.min(line.length, budget * 4);
  for (;;) {
    const kept = take(n);
    const tokens = countTokens(kept);
    if (tokens <= budget) return { text: kept, tokens, truncated: true };
    n = Math.min(n - 1, Math.floor((n * budget) / tokens * 0.9));
    if (n <= 0) return { text: '', tokens: 0, truncated: true };
  }
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
