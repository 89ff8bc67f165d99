// The baseline the engine is measured against: what a first-draft provider does. One request
// per keystroke, no debounce, no cache, never cancelled: every response is streamed to its end.
// It sends the same prompt the engine would (planRequest), so only the strategy differs.

import type { StreamFn } from '../src/core/ports';
import type { CompletionInput, Suggestion } from '../src/core/input/completionInput';
import { endpointFor } from '../src/core/endpointConfig';
import { postProcessCompletion } from '../src/core/postprocess/postProcess';
import { planRequest } from '../src/core/plan/requestPlan';

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
    const plan = planRequest(input, true, 1);
    const events = this.stream(plan.request, endpointFor(input.settings, input.apiKey), new AbortController().signal, {
      includeSuffix: true,
    });
    let text = '';
    try {
      for await (const event of events) {
        if (event.type === 'delta' && event.index === 0) text += event.text;
      }
    } catch {
      return [];
    }
    const processed = postProcessCompletion(text, {
      linePrefix: input.linePrefix,
      lineSuffix: input.lineSuffix,
      nextLines: input.nextLines,
      multiline: !plan.singleLine,
      indentUnit: input.indentUnit,
    });
    return processed ? [processed] : [];
  }
}
