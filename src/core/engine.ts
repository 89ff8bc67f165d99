// The autocomplete engine: the one place that knows the order a keystroke takes.
//
//   input (input/)  →  reuse an answer still streaming or cached (reuse/)
//   → wait, then plan the request (plan/)  →  stream it through the stops (stream/)
//   → serve its useful part, post-processed (serve/, postprocess/)  →  report it (report/)
//
// No vscode import: the tests and the benchmark drive exactly this code.

import type { CompletionError } from './completionError';
import { withContext } from './context/contextStage';
import { delay, isAbortError } from './debounce';
import { Emitter } from './emitter';
import type { CompletionInput, Suggestion } from './input/completionInput';
import { LruCache } from './lruCache';
import type { RequestPlan } from './plan/requestPlan';
import { reportOf, type RequestReport } from './report/requestReport';
import { abortUnlessAdopted } from './reuse/adoption';
import { findServingFlight } from './reuse/findServingFlight';
import { Flight } from './reuse/flight';
import { flightCacheKey, flightKeyOf } from './reuse/flightKey';
import { dropIfWrong } from './reuse/wrongStream';
import { suggestionsFrom } from './serve/suggestions';
import { waitUntilServable } from './serve/waitUntilServable';
import { RequestRunner, type RunnerDeps } from './stream/requestRunner';

export type { RequestReport } from './report/requestReport';

export interface EngineDeps extends RunnerDeps {
  delay?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export type EngineState = { state: 'idle' } | { state: 'requesting' } | { state: 'error'; error: CompletionError };

const CACHED_FLIGHTS = 64;

export class CompletionEngine {
  readonly onDidChangeState = new Emitter<EngineState>();
  readonly onDidFinishRequest = new Emitter<RequestReport>();
  /** A new answer was shown for the first time (typing through it does not count again). */
  readonly onDidShow = new Emitter<void>();
  /** Requests actually sent to the server (for tests, bench and the usage view). */
  requestCount = 0;
  /** Sends requests; shared with Complete Selection so both remember the same server quirks. */
  readonly runner: RequestRunner;

  /** Recent answers by place, newest last: the cache behind typing-through and Backspace. */
  private readonly flights = new LruCache<string, Flight>(CACHED_FLIGHTS);
  private readonly inFlight = new Map<string, Flight>();
  private lastError: CompletionError | undefined;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(deps: EngineDeps) {
    this.now = deps.now ?? Date.now;
    this.sleep = deps.delay ?? delay;
    this.runner = new RequestRunner(deps);
  }

  /**
   * Returns suggestions for the cursor described by `input`, or [] when there is nothing to
   * show. `signal` is the editor's cancellation: it stops the wait, and the stream too unless
   * a follow-up call adopts it within a short grace period.
   */
  async complete(input: CompletionInput, signal: AbortSignal): Promise<Suggestion[]> {
    const wanted = input.explicit ? input.settings.alternatives : 1;
    const key = flightKeyOf(input);
    const calledAt = this.now();

    const served = findServingFlight(this.flights, input, key, wanted);
    if (served) {
      served.flight.typed = served.typed;
      const result = await this.serve(served.flight, served.typed, input, signal);
      if (result !== undefined) return result;
      // The stream ended without covering what the user typed since, or went another way: ask anew.
    }

    // The user has moved on from what is streaming for this editor: stop paying for it.
    this.abortEditor(input.editorKey);

    // Time spent waiting on a stream that then went another way was the user's pause already.
    const debounce = input.settings.debounceMs - (this.now() - calledAt);
    if (!input.explicit && debounce > 0) {
      try {
        await this.sleep(debounce, signal);
      } catch (err) {
        if (isAbortError(err)) return [];
        throw err;
      }
    }
    if (signal.aborted || !this.runner.gate.allows(input.explicit)) return [];
    // Other files' context: gathered only now that a request goes out; the flight key ignores it.
    const sent = await withContext(input, signal);
    if (signal.aborted) return [];

    const plan = this.runner.plan(sent, wanted);
    const flight = new Flight(key, wanted, this.now(), plan.singleLine);
    this.flights.set(flightCacheKey(key), flight);
    this.inFlight.set(input.editorKey, flight);
    void this.stream(flight, sent, plan);
    return (await this.serve(flight, '', input, signal)) ?? [];
  }

  /**
   * Stops the stream running for an editor (it was closed, or the cursor jumped away). With
   * `sentBefore`, only a stream sent before that time: one the user has left since.
   */
  abortEditor(editorKey: string, sentBefore = Infinity): void {
    const flight = this.inFlight.get(editorKey);
    if (!flight || flight.startedAt > sentBefore) return;
    // An answered stream is only reading its last bytes (usage, [DONE]): let it finish.
    if (!flight.answered) flight.controller.abort();
    this.inFlight.delete(editorKey);
  }

  /** Whether any request is streaming right now. */
  hasAnyFlight(): boolean {
    return [...this.inFlight.values()].some((f) => !f.done);
  }

  clearCache(): void {
    this.flights.clear();
  }

  dispose(): void {
    for (const flight of this.inFlight.values()) flight.controller.abort();
    this.inFlight.clear();
    this.flights.clear();
    this.onDidChangeState.clear();
    this.onDidFinishRequest.clear();
    this.onDidShow.clear();
  }

  /** Runs the flight's request to its end, waking the provider calls that wait on it. */
  private async stream(flight: Flight, input: CompletionInput, firstPlan: RequestPlan): Promise<void> {
    this.onDidChangeState.fire({ state: 'requesting' });
    const { plan, error, closedEarly } = await this.runner.run(input, firstPlan, flight.choices, flight.controller.signal, {
      onSend: () => this.requestCount++,
      onUsage: (usage) => (flight.usage = usage),
      onDelta: () => {
        flight.firstTokenAt ??= this.now();
        // An adopted stream that contradicts the typing since is closed on its first such token.
        if (!dropIfWrong(flight)) flight.changed();
      },
      onFinish: (index, reason) => {
        if (index === 0) flight.finishReason = reason;
        flight.changed();
      },
    });
    if (closedEarly) flight.finishReason ??= 'stop';
    if (!error) this.lastError = undefined;
    else if (error.kind !== 'aborted') flight.error = this.lastError = error;

    flight.finishedAt = this.now();
    for (const choice of flight.choices) choice.done = true;
    if (this.inFlight.get(input.editorKey) === flight) this.inFlight.delete(input.editorKey);
    flight.changed();
    this.onDidFinishRequest.fire(reportOf(flight, plan, input.settings.model, this.now()));
    if (!this.hasAnyFlight()) {
      this.onDidChangeState.fire(this.lastError ? { state: 'error', error: this.lastError } : { state: 'idle' });
    }
  }

  /**
   * Waits until the flight has something worth showing past `typed`, then returns it.
   * Undefined means the finished answer does not continue what the user typed.
   */
  private async serve(flight: Flight, typed: string, input: CompletionInput, signal: AbortSignal): Promise<Suggestion[] | undefined> {
    await waitUntilServable(flight, typed, signal, this.now);
    if (signal.aborted) {
      abortUnlessAdopted(flight);
      return [];
    }
    if (flight.wrong) return undefined;
    if (flight.error || flight.aborted) return [];
    const suggestions = suggestionsFrom(flight, typed, input);
    if (suggestions === undefined) return undefined;
    if (suggestions.length > 0 && !flight.shown) {
      flight.shown = true;
      this.onDidShow.fire();
    }
    return suggestions;
  }
}
