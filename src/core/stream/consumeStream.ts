// Reads one response stream into its choices: stop sequences are applied as text arrives,
// and the stream is closed as soon as every choice has stopped, so no more tokens are billed.
// A choice that runs clearly past `max_tokens` (a server that ignores it) is cut at its last
// complete line and stopped too. Shared by inline completions and Complete Selection.

import type { KnownServer, StreamEvent, Usage } from '../ports';
import type { RequestPlan } from '../plan/requestPlan';
import { StopMatcher } from './stopMatcher';

export interface ChoiceState {
  /** Text that passed the stop sequences, as it will be shown. */
  text: string;
  /** Received text not yet released by the stop matcher (may begin a stop sequence). */
  held: string;
  done: boolean;
}

export function newChoices(count: number): ChoiceState[] {
  return Array.from({ length: count }, () => ({ text: '', held: '', done: false }));
}

/** Called after the choice's state was updated. */
export interface StreamListener {
  onDelta?(index: number): void;
  onFinish?(index: number, reason: string): void;
  onUsage?(usage: Usage): void;
  onServer?(server: KnownServer): void;
}

/**
 * cl100k averages about 4 characters a token on code; 6 leaves room for long names and runs of
 * spaces. Past that the server is not honouring `max_tokens`, and the rest is not worth reading.
 */
const MAX_CHARS_PER_TOKEN = 6;
const MIN_MAX_CHARS = 256;

export function maxCharsFor(maxTokens: number): number {
  return Math.max(MIN_MAX_CHARS, maxTokens * MAX_CHARS_PER_TOKEN);
}

/**
 * Consumes `events` into `choices`. Returns true when the stream was closed early because
 * every choice hit a stop sequence (the server never sent its own finish for them).
 */
export async function consumeStream(
  events: AsyncIterable<StreamEvent>,
  choices: ChoiceState[],
  plan: Pick<RequestPlan, 'clientStops' | 'singleLine'> & { request: { maxTokens: number } },
  listener: StreamListener = {},
): Promise<boolean> {
  const matchers = choices.map(() => new StopMatcher(plan.clientStops, { singleLine: plan.singleLine }));
  const maxChars = maxCharsFor(plan.request.maxTokens);
  let closedEarly = false;
  let overran = false;
  for await (const event of events) {
    if (event.type === 'usage') {
      listener.onUsage?.(event.usage);
      continue;
    }
    if (event.type === 'server') {
      listener.onServer?.(event.server);
      continue;
    }
    const choice = choices[event.index];
    const matcher = matchers[event.index];
    if (!choice || !matcher || choice.done) continue;
    if (event.type === 'delta') {
      const pushed = matcher.push(event.text);
      choice.text += pushed.text;
      choice.held = matcher.heldBack;
      if (pushed.stopped) choice.done = true;
      if (choice.text.length > maxChars) {
        // Keep what was complete: a half line of a runaway answer is never shown.
        choice.text = choice.text.slice(0, choice.text.lastIndexOf('\n', maxChars) + 1);
        choice.held = '';
        choice.done = true;
        overran = true;
        listener.onDelta?.(event.index);
        listener.onFinish?.(event.index, 'length');
      } else {
        listener.onDelta?.(event.index);
      }
    } else {
      choice.text += matcher.flush();
      choice.held = '';
      choice.done = true;
      listener.onFinish?.(event.index, event.reason);
    }
    // Every choice hit a stop sequence (or its bound): end the stream now so no more tokens are billed.
    if (choices.every((c) => c.done) && (overran || matchers.some((m) => m.stopped))) {
      closedEarly = true;
      break;
    }
  }
  // The stream ended without a finish event: what was held back is not a stop after all.
  choices.forEach((choice, i) => {
    if (choice.done) return;
    choice.text += matchers[i].flush();
    choice.held = '';
    choice.done = true;
  });
  return closedEarly;
}
