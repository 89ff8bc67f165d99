// Reads one response stream into its choices: stop sequences are applied as text arrives,
// and the stream is closed as soon as every choice has stopped, so no more tokens are billed.
// Shared by inline completions and Complete Selection.

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
 * Consumes `events` into `choices`. Returns true when the stream was closed early because
 * every choice hit a stop sequence (the server never sent its own finish for them).
 */
export async function consumeStream(
  events: AsyncIterable<StreamEvent>,
  choices: ChoiceState[],
  plan: Pick<RequestPlan, 'clientStops' | 'singleLine'>,
  listener: StreamListener = {},
): Promise<boolean> {
  const matchers = choices.map(() => new StopMatcher(plan.clientStops, { singleLine: plan.singleLine }));
  let closedEarly = false;
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
      listener.onDelta?.(event.index);
    } else {
      choice.text += matcher.flush();
      choice.held = '';
      choice.done = true;
      listener.onFinish?.(event.index, event.reason);
    }
    // Every choice hit a stop sequence: end the stream now so no more tokens are billed.
    if (choices.every((c) => c.done) && matchers.some((m) => m.stopped)) {
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
