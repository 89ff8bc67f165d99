// Reading "your prompt is too long" from a server, and choosing the window to retry with.
// OpenAI says `context_length_exceeded` with the model's limit in the message; llama.cpp's
// server says `exceed_context_size_error`; others only say it in words.

import type { CompletionError } from '../completionError';
import type { RequestPlan } from '../plan/requestPlan';

export interface ContextLimit {
  /** The model's window in tokens, when the server named it. */
  maxTokens: number | undefined;
}

const SAID_TOO_LONG = /context_length_exceeded|exceed_context_size|maximum context length|context (length|size|window)[^.]*exceed|exceeds? the (available )?context|too many tokens/i;
const NAMED_LIMIT = /maximum context length is (\d+)/i;
/** Our token count is cl100k's; another tokenizer may count a few percent more. */
const SAFETY = 0.9;
/** Without a named limit, ask for this share of what was refused. */
const SHRINK = 0.75;
const MIN_WINDOW = 256;

export function contextLimitFrom(error: CompletionError): ContextLimit | undefined {
  if (error.kind !== 'bad-request') return undefined;
  const said = `${error.code ?? ''} ${error.serverMessage ?? error.message}`;
  if (!SAID_TOO_LONG.test(said)) return undefined;
  const named = NAMED_LIMIT.exec(said);
  const maxTokens = named ? Number(named[1]) : undefined;
  return { maxTokens: maxTokens !== undefined && Number.isFinite(maxTokens) && maxTokens > 0 ? maxTokens : undefined };
}

/** A window that the refused request would have fitted under the server's limit. */
export function shrunkWindow(limit: ContextLimit, refused: RequestPlan): number {
  const asked = refused.promptTokens + refused.suffixTokens + refused.request.maxTokens;
  // A named limit above what we asked means our count was low for this tokenizer: shrink anyway.
  const window = limit.maxTokens !== undefined ? Math.min(limit.maxTokens, asked) * SAFETY : asked * SHRINK;
  return Math.max(MIN_WINDOW, Math.floor(window));
}
