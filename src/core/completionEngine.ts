// The autocomplete engine: decides when to ask the server, shares one streamed answer
// between every provider call it can serve (typing through, Backspace, live growth),
// aborts what the user has moved past, and turns streamed text into suggestions.
// No vscode import: the tests and the benchmark drive exactly this code.

import { CompletionError } from './completionError';
import type { EndpointConfig, StreamFn } from './ports';
import type { CompletionInput, Suggestion } from './completionInput';
import { delay, isAbortError } from './debounce';
import { Emitter } from './emitter';
import { Flight, type FlightKey } from './flight';
import { LruCache } from './lruCache';
import { postProcessCompletion } from './postProcess';
import { planRequest, type RequestPlan } from './requestPlan';
import type { CompletionSettings } from './settings';
import { countTokens } from './tokenBudget';
import { StopMatcher } from './stopSequences';


export interface EngineDeps {
  stream: StreamFn;
  endpointFor(settings: CompletionSettings, apiKey: string | undefined): EndpointConfig;
  now?: () => number;
  delay?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface RequestReport {
  model: string;
  promptChars: number;
  suffixChars: number;
  promptTokens: number;
  suffixTokens: number;
  choices: number;
  /** Milliseconds from sending to the first streamed text. */
  timeToFirstTokenMs: number | undefined;
  totalMs: number;
  finishReason: string | undefined;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | undefined;
  /** True when the server sent no usage (a cancelled stream) and `usage` is our own count. */
  usageEstimated: boolean;
  cancelled: boolean;
  error: CompletionError | undefined;
  /** The prompt and suffix, for trace-level logging only. */
  prompt: string;
  suffix: string | undefined;
}

export type EngineState = { state: 'idle' } | { state: 'requesting' } | { state: 'error'; error: CompletionError };

/** How long a cancelled provider call's stream may wait for a follow-up call to adopt it. */
const ADOPTION_GRACE_MS = 400;
/** How much of the prompt's end identifies a place in the document. */
const KEY_TAIL_CHARS = 256;
const CACHED_FLIGHTS = 64;

export class CompletionEngine {
  readonly onDidChangeState = new Emitter<EngineState>();
  /** A shown suggestion got longer: the adapter should ask for it again. */
  readonly onDidGrow = new Emitter<{ editorKey: string }>();
  readonly onDidFinishRequest = new Emitter<RequestReport>();
  /** A new answer was shown for the first time (typing through it does not count again). */
  readonly onDidShow = new Emitter<void>();
  /** Requests actually sent to the server (for tests, bench and the usage view). */
  requestCount = 0;

  /** Recent answers by place, newest last: the cache behind typing-through and Backspace. */
  private readonly flights = new LruCache<string, Flight>(CACHED_FLIGHTS);
  private readonly inFlight = new Map<string, Flight>();
  /** Base URLs whose server rejected `suffix` (useSuffix: auto). */
  private readonly suffixRejectedBy = new Set<string>();
  private rateLimitedUntil = 0;
  private lastError: CompletionError | undefined;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly deps: EngineDeps) {
    this.now = deps.now ?? Date.now;
    this.sleep = deps.delay ?? delay;
  }

  /**
   * Returns suggestions for the cursor described by `input`, or [] when there is nothing to
   * show. `signal` is the editor's cancellation: it stops the wait, and the stream too unless
   * a follow-up call adopts it within a short grace period.
   */
  async complete(input: CompletionInput, signal: AbortSignal): Promise<Suggestion[]> {
    const wanted = input.explicit ? input.settings.alternatives : 1;
    const key = this.keyFor(input);

    const served = this.findServingFlight(input, key, wanted);
    if (served) {
      const result = await this.serve(served.flight, served.typed, input, signal);
      if (result !== undefined) return result;
      // The stream ended without covering what the user typed since: ask anew.
    }

    // The user has moved on from what is streaming for this editor: stop paying for it.
    this.abortEditor(input.editorKey);

    if (!input.explicit) {
      try {
        await this.sleep(input.settings.debounceMs, signal);
      } catch (err) {
        if (isAbortError(err)) return [];
        throw err;
      }
    }
    if (signal.aborted) return [];
    if (this.now() < this.rateLimitedUntil) return [];

    const flight = this.start(input, key, wanted);
    return (await this.serve(flight, '', input, signal)) ?? [];
  }

  /** Stops the stream running for an editor (it was closed, or the cursor jumped away). */
  abortEditor(editorKey: string): void {
    const flight = this.inFlight.get(editorKey);
    // An answered stream is only reading its last bytes (usage, [DONE]): let it finish.
    if (flight && !flight.answered) flight.controller.abort();
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
    this.onDidGrow.clear();
    this.onDidFinishRequest.clear();
    this.onDidShow.clear();
  }

  private keyFor(input: CompletionInput): FlightKey {
    const s = input.settings;
    return {
      editorKey: input.editorKey,
      offset: input.offset,
      prefixTail: input.prefix.slice(-KEY_TAIL_CHARS),
      suffixHead: input.suffix.slice(0, KEY_TAIL_CHARS),
      settingsKey: JSON.stringify([
        s.provider,
        s.baseUrl,
        s.model,
        s.maxTokens,
        s.temperature,
        s.stop,
        s.multiline,
        s.useSuffix,
        s.contextTokens,
        input.languageId,
      ]),
    };
  }

  /**
   * Finds a flight whose answer still fits: same place (the text before the cursor is the
   * flight's prompt plus what the user typed since), same text after the cursor, and the
   * typed characters are the start of the streamed answer.
   */
  private findServingFlight(
    input: CompletionInput,
    key: FlightKey,
    wanted: number,
  ): { flight: Flight; typed: string } | undefined {
    // Same place as an earlier answer (Backspace, or asked again): one lookup.
    const exact = this.flights.get(flightCacheKey(key));
    // Otherwise newest first: the most recent answer for a place is the one the user saw.
    const candidates = [...(exact ? [exact] : []), ...[...this.flights.values()].reverse()];
    for (const flight of candidates) {
      const k = flight.key;
      if (k.editorKey !== key.editorKey || k.settingsKey !== key.settingsKey || k.suffixHead !== key.suffixHead) continue;
      if (flight.choices.length < wanted) continue;
      // A cancelled stream stopped mid-answer: its text is a fragment, never worth showing.
      if (flight.error || flight.aborted) continue;
      const typedLength = input.offset - k.offset;
      if (typedLength < 0 || typedLength > input.prefix.length) continue;
      const typed = typedLength === 0 ? '' : input.prefix.slice(-typedLength);
      if (!input.prefix.endsWith(k.prefixTail + typed)) continue;
      if (k.prefixTail.length < KEY_TAIL_CHARS && input.prefix.length - typedLength !== k.prefixTail.length) continue;
      // Any alternative the user may have cycled to and typed or accepted. Typing past what has
      // streamed so far is fine while it streams and agrees so far.
      const agreeing = flight.choices.filter(
        (c) => c.text.startsWith(typed) || (!flight.answered && typed.startsWith(c.text)),
      );
      if (agreeing.length === 0) continue;
      // Typed past the end of a finished answer (e.g. Enter after it): ask anew for the new line.
      if (flight.answered && agreeing.every((c) => typed.length > c.text.trimEnd().length)) continue;
      return { flight, typed };
    }
    return undefined;
  }

  private start(input: CompletionInput, key: FlightKey, choices: number): Flight {
    const s = input.settings;
    const sendSuffix = s.useSuffix === 'always' || (s.useSuffix === 'auto' && !this.suffixRejectedBy.has(s.baseUrl));
    const plan = planRequest(input, sendSuffix, choices);
    const flight = new Flight(key, choices, this.now(), plan.singleLine);
    this.flights.set(flightCacheKey(key), flight);
    this.inFlight.set(input.editorKey, flight);
    void this.pump(flight, input, plan, sendSuffix);
    return flight;
  }

  private async pump(flight: Flight, input: CompletionInput, firstPlan: RequestPlan, suffixSent: boolean): Promise<void> {
    const s = input.settings;
    let plan = firstPlan;
    let sendSuffix = suffixSent;
    this.onDidChangeState.fire({ state: 'requesting' });
    for (let attempt = 0; ; attempt++) {
      try {
        await this.consume(flight, plan, input);
        this.lastError = undefined;
        break;
      } catch (err) {
        const error = asCompletionError(err, flight.aborted);
        const suffixRefused =
          error.kind === 'bad-request' &&
          s.useSuffix === 'auto' &&
          sendSuffix &&
          attempt === 0 &&
          flight.choices.every((c) => c.text === '') &&
          (error.param === 'suffix' || /suffix/i.test(error.serverMessage ?? error.message));
        if (suffixRefused) {
          // This server does not take `suffix` (many compatible servers): remember and retry once.
          this.suffixRejectedBy.add(s.baseUrl);
          sendSuffix = false;
          plan = planRequest(input, false, flight.choices.length);
          continue;
        }
        if (error.kind !== 'aborted') {
          flight.error = error;
          this.lastError = error;
          if (error.kind === 'rate-limited') this.rateLimitedUntil = this.now() + (error.retryAfterMs ?? 5000);
        }
        break;
      }
    }
    flight.finishedAt = this.now();
    for (const choice of flight.choices) choice.done = true;
    if (this.inFlight.get(input.editorKey) === flight) this.inFlight.delete(input.editorKey);
    flight.changed();
    // The last line may have no newline: show it, unless the editor already has everything.
    if (!flight.error && !flight.aborted) this.growIfLonger(flight, input.editorKey);
    this.reportFinished(flight, plan, input);
    if (!this.hasAnyFlight()) {
      this.onDidChangeState.fire(this.lastError ? { state: 'error', error: this.lastError } : { state: 'idle' });
    }
  }

  private async consume(flight: Flight, plan: RequestPlan, input: CompletionInput): Promise<void> {
    const matchers = flight.choices.map(
      () => new StopMatcher(plan.clientStops, { singleLine: plan.singleLine }),
    );
    this.requestCount++;
    const events = this.deps.stream(
      plan.request,
      this.deps.endpointFor(input.settings, input.apiKey),
      flight.controller.signal,
      { includeSuffix: plan.request.suffix !== undefined },
    );
    for await (const event of events) {
      if (event.type === 'usage') {
        flight.usage = event.usage;
        continue;
      }
      const choice = flight.choices[event.index];
      const matcher = matchers[event.index];
      if (!choice || !matcher || choice.done) continue;
      if (event.type === 'delta') {
        flight.firstTokenAt ??= this.now();
        const pushed = matcher.push(event.text);
        choice.text += pushed.text;
        choice.held = matcher.heldBack;
        if (pushed.stopped) choice.done = true;
        flight.changed();
        // Grow the shown suggestion line by line: fewer re-queries, no half-words flashing.
        if (event.index === 0) this.growIfLonger(flight, input.editorKey);
      } else {
        choice.text += matcher.flush();
        choice.held = '';
        choice.done = true;
        if (event.index === 0) flight.finishReason = event.reason;
        flight.changed();
      }
      // Every choice hit a stop sequence: end the stream now so no more tokens are billed.
      if (flight.choices.every((c) => c.done) && matchers.some((m) => m.stopped)) {
        flight.finishReason ??= 'stop';
        break;
      }
    }
    for (let i = 0; i < flight.choices.length; i++) {
      const choice = flight.choices[i];
      if (!choice.done) {
        choice.text += matchers[i].flush();
        choice.held = '';
        choice.done = true;
      }
    }
  }

  /**
   * Waits until the flight has something worth showing past `typed`, then returns it.
   * Undefined means the finished answer does not continue what the user typed.
   */
  private async serve(
    flight: Flight,
    typed: string,
    input: CompletionInput,
    signal: AbortSignal,
  ): Promise<Suggestion[] | undefined> {
    flight.waiting++;
    try {
      while (!signal.aborted) {
        const ready = flight.choices.every((c) => c.done || usefulPart(c, typed) !== undefined);
        if (ready || flight.answered) break;
        await flight.nextChange(signal);
      }
    } finally {
      flight.waiting--;
    }
    if (signal.aborted) {
      this.abortUnlessAdopted(flight);
      return [];
    }
    if (flight.error || flight.aborted) return [];
    // The answer went another way than the user typed meanwhile, or ended before it: not ours to serve.
    const continues = (c: { text: string }) => c.text.startsWith(typed) && typed.length <= c.text.trimEnd().length;
    if (typed !== '' && flight.answered && !flight.choices.some(continues)) return undefined;

    const suggestions: Suggestion[] = [];
    const seen = new Set<string>();
    for (const choice of flight.choices) {
      if (!choice.text.startsWith(typed)) continue;
      const part = choice.done ? choice.text.slice(typed.length) : usefulPart(choice, typed);
      if (part === undefined) continue;
      const processed = postProcessCompletion(part, {
        linePrefix: input.linePrefix,
        lineSuffix: input.lineSuffix,
        nextLines: input.nextLines,
        multiline: !flight.singleLine,
        indentUnit: input.indentUnit,
        tabSize: input.tabSize,
        eol: input.eol,
      });
      if (!processed || seen.has(processed.text)) continue;
      seen.add(processed.text);
      suggestions.push(processed);
    }
    flight.shownText = showable(flight.choices[0]);
    if (suggestions.length > 0 && !flight.shown) {
      flight.shown = true;
      this.onDidShow.fire();
    }
    return suggestions;
  }

  /** Asks the adapter to re-query when choice 0 has more to show than it showed last time. */
  private growIfLonger(flight: Flight, editorKey: string): void {
    if (!flight.shown || !flight.choices[0]) return;
    // Trailing line breaks are never shown, so they are no reason to re-query.
    const now = showable(flight.choices[0]).trimEnd();
    if (now !== flight.shownText.trimEnd() && now !== flight.announcedText) {
      flight.announcedText = now;
      this.onDidGrow.fire({ editorKey });
    }
  }

  private abortUnlessAdopted(flight: Flight): void {
    if (flight.done) return;
    const timer = setTimeout(() => {
      // Nobody came back for it (the cursor moved on, the editor closed): stop the stream.
      if (!flight.done && flight.waiting === 0 && !flight.shown) {
        flight.controller.abort();
      }
    }, ADOPTION_GRACE_MS);
    timer.unref?.();
  }

  private reportFinished(flight: Flight, plan: RequestPlan, input: CompletionInput): void {
    // A stream cut short sends no usage chunk, yet the server bills what it generated: count it ourselves.
    const estimate = !flight.usage && flight.aborted && !flight.error;
    const usage = estimate ? estimatedUsage(flight, plan) : flight.usage;
    this.onDidFinishRequest.fire({
      model: input.settings.model,
      promptChars: plan.request.prompt.length,
      suffixChars: plan.request.suffix?.length ?? 0,
      promptTokens: plan.promptTokens,
      suffixTokens: plan.suffixTokens,
      choices: flight.choices.length,
      timeToFirstTokenMs: flight.firstTokenAt === undefined ? undefined : flight.firstTokenAt - flight.startedAt,
      totalMs: (flight.finishedAt ?? this.now()) - flight.startedAt,
      finishReason: flight.finishReason,
      usage,
      usageEstimated: estimate,
      cancelled: flight.aborted,
      error: flight.error,
      prompt: plan.request.prompt,
      suffix: plan.request.suffix,
    });
  }
}

/**
 * The text after `typed` up to its last complete line, or undefined while no line is complete.
 * A held-back newline counts: stop sequences that start with it can only cut right there.
 */
function usefulPart(choice: { text: string; held: string }, typed: string): string | undefined {
  const text = choice.held.startsWith('\n') ? `${choice.text}\n` : choice.text;
  if (!text.startsWith(typed)) return undefined;
  const rest = text.slice(typed.length);
  const lastNewline = rest.lastIndexOf('\n');
  if (lastNewline <= 0) return undefined;
  const complete = rest.slice(0, lastNewline);
  return complete.trim() === '' ? undefined : complete;
}

/** What a provider call would show of a choice now: complete lines while streaming, all once done. */
function showable(choice: { text: string; held: string; done: boolean } | undefined): string {
  if (!choice) return '';
  return choice.done ? choice.text : usefulPart(choice, '') ?? '';
}

function estimatedUsage(flight: Flight, plan: RequestPlan): RequestReport['usage'] {
  const prompt = plan.promptTokens + plan.suffixTokens;
  const completion = flight.choices.reduce((n, c) => n + (c.text + c.held ? countTokens(c.text + c.held) : 0), 0);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function flightCacheKey(key: FlightKey): string {
  return `${key.editorKey}\u0000${key.settingsKey}\u0000${key.offset}\u0000${key.prefixTail}\u0000${key.suffixHead}`;
}

function asCompletionError(err: unknown, aborted: boolean): CompletionError {
  if (err instanceof CompletionError) return err;
  if (aborted || isAbortError(err)) return new CompletionError('aborted', 'Request cancelled.');
  return new CompletionError('protocol', `Unexpected failure: ${err instanceof Error ? err.message : String(err)}`);
}
