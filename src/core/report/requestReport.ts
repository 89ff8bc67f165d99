// What one finished request cost and how it went, for the log and the usage ledger. A
// cancelled stream sends no usage, yet the server bills what it generated: we estimate it.
// So do we for a stream we closed at a stop sequence (the usage chunk comes last, and
// llama.cpp's server puts usage only in its final chunk) and for servers that never send it.

import type { CompletionError } from '../completionError';
import type { RequestPlan } from '../plan/requestPlan';
import { countTokens } from '../plan/tokenBudget';
import type { Flight } from '../reuse/flight';

export interface RequestReport {
  model: string;
  promptChars: number;
  suffixChars: number;
  promptTokens: number;
  suffixTokens: number;
  /** Of `promptTokens`, those spent on other files' snippets and the header. */
  contextTokens: number;
  /** The snippets put above the file's text, best first. */
  contextSnippets: string[];
  /** Milliseconds spent gathering that context before sending; undefined when none was gathered. */
  contextMs: number | undefined;
  choices: number;
  /** Milliseconds from sending to the first streamed text. */
  timeToFirstTokenMs: number | undefined;
  totalMs: number;
  finishReason: string | undefined;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | undefined;
  /** True when the server sent no usage (cancelled, closed early, or a server without it) and `usage` is our own count. */
  usageEstimated: boolean;
  cancelled: boolean;
  error: CompletionError | undefined;
  /** The prompt and suffix, for trace-level logging only. */
  prompt: string;
  suffix: string | undefined;
}

export function reportOf(flight: Flight, plan: RequestPlan, model: string, now: number): RequestReport {
  const estimate = !flight.usage && !flight.error;
  return {
    model,
    promptChars: plan.request.prompt.length,
    suffixChars: plan.request.suffix?.length ?? 0,
    promptTokens: plan.promptTokens,
    suffixTokens: plan.suffixTokens,
    contextTokens: plan.contextTokens,
    contextSnippets: plan.contextSnippets,
    contextMs: plan.contextMs === undefined ? undefined : Math.round(plan.contextMs),
    choices: flight.choices.length,
    timeToFirstTokenMs: flight.firstTokenAt === undefined ? undefined : flight.firstTokenAt - flight.startedAt,
    totalMs: (flight.finishedAt ?? now) - flight.startedAt,
    finishReason: flight.finishReason,
    usage: estimate ? estimatedUsage(flight, plan) : flight.usage,
    usageEstimated: estimate,
    cancelled: flight.aborted,
    error: flight.error,
    prompt: plan.request.prompt,
    suffix: plan.request.suffix,
  };
}

function estimatedUsage(flight: Flight, plan: RequestPlan): RequestReport['usage'] {
  const prompt = plan.promptTokens + plan.suffixTokens;
  const completion = flight.choices.reduce((n, c) => n + (c.text + c.held ? countTokens(c.text + c.held) : 0), 0);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}
