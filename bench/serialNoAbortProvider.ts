// Peer baseline "no-debounce-no-abort", the policy llama.vscode ships (ggml-org/llama.vscode,
// src/completion.ts): no debounce of its own (llama-vscode.debounce_ms defaults to 0 in
// package.json), so only VS Code's own wait; one request at a time (isRequestInProgress, polled
// every DELAY_BEFORE_COMPL_REQUEST = 150 ms in src/configuration.ts, a cancelled call gives up);
// a request once sent is never aborted and answers whole ("stream": false); a result cache keyed
// by the lines before the cursor, the text after it and the cursor line's prefix, looked up with
// that prefix cut back one character at a time (getCachedCompletion), which serves typing through
// within the line. Left out: its prefetch of the suggestion after an accept (cacheFutureSuggestion).

import type { StreamFn } from '../src/core/ports';
import type { CompletionInput, Suggestion } from '../src/core/input/completionInput';
import { requestWholeAnswer, suggestionOf, type WholeAnswer } from './wholeAnswer';

export const LLAMA_POLL_MS = 150;

export class SerialNoAbortProvider {
  private inProgress = false;
  private readonly cache = new Map<string, WholeAnswer>();

  /** `pollMs`: llama.vscode's 150 ms, scaled like the typing. */
  constructor(
    private readonly stream: StreamFn,
    private readonly pollMs: number,
  ) {}

  async complete(input: CompletionInput, signal: AbortSignal): Promise<Suggestion[]> {
    while (this.inProgress) {
      await new Promise((r) => setTimeout(r, this.pollMs));
      if (signal.aborted) return [];
    }
    this.inProgress = true;
    try {
      const before = input.prefix.slice(0, input.prefix.length - input.linePrefix.length);
      // A line of only indentation is sent as an empty prompt.
      const prompt = input.linePrefix.trim() === '' ? '' : input.linePrefix;
      for (let i = prompt.length; i >= 0; i--) {
        const hit = this.cache.get(`${before}|${input.suffix}|${prompt.slice(0, i)}`);
        const cut = prompt.slice(i);
        if (hit && hit.text.startsWith(cut)) return suggestionOf(hit.text.slice(cut.length), hit.singleLine, input);
      }
      if (signal.aborted) return [];
      // Never aborted: the answer is read to its end even if the user has moved on.
      const answer = await requestWholeAnswer(this.stream, input, new AbortController().signal);
      if (!answer) return [];
      this.cache.set(`${before}|${input.suffix}|${prompt}`, answer);
      return suggestionOf(answer.text, answer.singleLine, input);
    } finally {
      this.inProgress = false;
    }
  }
}
