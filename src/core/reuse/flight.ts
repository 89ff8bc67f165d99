// One streamed completion request and everything it has produced so far. A flight outlives
// the provider call that started it: later calls (typing through the suggestion, the
// Tab, Backspace) read from it instead of asking the server again.

import type { CompletionError } from '../completionError';
import type { Usage } from '../ports';
import { newChoices, type ChoiceState } from '../stream/consumeStream';
import type { FlightKey } from './flightKey';

export class Flight {
  readonly choices: ChoiceState[];
  readonly controller = new AbortController();
  readonly startedAt: number;
  firstTokenAt: number | undefined;
  finishedAt: number | undefined;
  finishReason: string | undefined;
  usage: Usage | undefined;
  error: CompletionError | undefined;
  /** True once some provider call returned text from this flight. */
  shown = false;
  /** What the user has typed since the request, as the latest provider call that adopted it saw. */
  typed = '';
  /** Dropped because its answer contradicts what the user typed since (see wrongStream.ts). */
  wrong = false;
  /** Number of provider calls currently waiting on this flight. */
  waiting = 0;
  private readonly changeWaiters = new Set<() => void>();

  constructor(
    readonly key: FlightKey,
    choiceCount: number,
    now: number,
    /** The request asked for one line only. */
    readonly singleLine: boolean,
  ) {
    this.startedAt = now;
    this.choices = newChoices(choiceCount);
  }

  get done(): boolean {
    return this.finishedAt !== undefined;
  }

  /** Every choice has its final text (the stream may still be closing). */
  get answered(): boolean {
    return this.done || this.choices.every((c) => c.done);
  }

  get aborted(): boolean {
    return this.controller.signal.aborted;
  }

  /** Wakes every waiter; called whenever text arrives or the flight ends. */
  changed(): void {
    for (const wake of [...this.changeWaiters]) wake();
  }

  /** Resolves on the next change, or when `signal` aborts. */
  nextChange(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        this.changeWaiters.delete(wake);
        signal?.removeEventListener('abort', wake);
        resolve();
      };
      this.changeWaiters.add(wake);
      signal?.addEventListener('abort', wake, { once: true });
    });
  }
}
