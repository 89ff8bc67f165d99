// Peer baseline "debounce-and-abort", the policy Continue ships (continuedev/continue,
// core/autocomplete/): a 350 ms debounce in which only the newest call survives
// (util/AutocompleteDebouncer.ts; debounceDelay: 350 in core/util/parameters.ts), then a prefix
// cache lookup (util/AutocompleteLruCache.ts: the longest cached prefix of the current prefix whose
// completion continues what was typed since), else one request that VS Code's cancellation
// aborts (extensions/vscode/src/autocomplete/completionProvider.ts). The whole answer is shown
// at once; only completed answers are cached. No adoption of a request in flight, no growth.

import type { StreamFn } from '../src/core/ports';
import type { CompletionInput, Suggestion } from '../src/core/input/completionInput';
import { requestWholeAnswer, suggestionOf } from './wholeAnswer';

export const CONTINUE_DEBOUNCE_MS = 350;

export class DebounceAbortProvider {
  private newest = 0;
  private readonly cache = new Map<string, { text: string; singleLine: boolean }>();

  /** `debounceMs`: Continue's 350 ms, scaled like the typing. */
  constructor(
    private readonly stream: StreamFn,
    private readonly debounceMs: number,
  ) {}

  async complete(input: CompletionInput, signal: AbortSignal): Promise<Suggestion[]> {
    const id = ++this.newest;
    // Continue's debouncer is a timer that is not cancelled; a newer call makes this one give up.
    await new Promise((r) => setTimeout(r, this.debounceMs));
    if (id !== this.newest) return [];

    const cached = this.lookup(input.prefix);
    if (cached) return suggestionOf(cached.text, cached.singleLine, input);
    const answer = await requestWholeAnswer(this.stream, input, signal);
    if (!answer || signal.aborted) return [];
    this.cache.set(input.prefix, answer);
    return suggestionOf(answer.text, answer.singleLine, input);
  }

  private lookup(prefix: string): { text: string; singleLine: boolean } | undefined {
    let best: string | undefined;
    for (const key of this.cache.keys()) {
      if (prefix.startsWith(key) && (best === undefined || key.length > best.length)) best = key;
    }
    if (best === undefined) return undefined;
    const entry = this.cache.get(best)!;
    const typed = prefix.slice(best.length);
    return entry.text.startsWith(typed) ? { ...entry, text: entry.text.slice(typed.length) } : undefined;
  }
}
