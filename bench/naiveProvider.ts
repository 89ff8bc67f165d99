// The baseline the engine is measured against: what a first-draft provider does. One request
// per provider call, no debounce of its own, no cache, never cancelled: every response is read
// to its end. It sends the same prompt the engine would (planRequest), so only the strategy differs.

import type { StreamFn } from '../src/core/ports';
import type { CompletionInput, Suggestion } from '../src/core/input/completionInput';
import { requestWholeAnswer, suggestionOf } from './wholeAnswer';

export class NaiveProvider {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly stream: StreamFn) {}

  /** Ignores `_signal` on purpose: the naive provider never cancels. */
  complete(input: CompletionInput, _signal: AbortSignal): Promise<Suggestion[]> {
    const done = this.request(input);
    this.pending.add(done);
    void done.finally(() => this.pending.delete(done));
    return done;
  }

  /** Waits for every response still streaming (the bill is not final before). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async request(input: CompletionInput): Promise<Suggestion[]> {
    const answer = await requestWholeAnswer(this.stream, input, new AbortController().signal);
    return answer ? suggestionOf(answer.text, answer.singleLine, input) : [];
  }
}
