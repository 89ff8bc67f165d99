// Sends a planned request and consumes its stream, retrying once without `suffix` when a
// server refuses it (useSuffix: auto), once with a smaller prompt when it says the context
// is too long, and once with fewer choices when it names the most `n` it takes. It remembers,
// per server, which refused `suffix`, how long a context and how many choices it takes, and
// its gate remembers when not to ask at all, for every caller that shares it: inline
// completions and Complete Selection alike.

import { CompletionError } from '../completionError';
import { isAbortError } from '../debounce';
import type { CompletionInput } from '../input/completionInput';
import { planRequest, type RequestPlan } from '../plan/requestPlan';
import type { EndpointConfig, KnownServer, StreamFn } from '../ports';
import type { CompletionSettings } from '../settings';
import { consumeStream, type ChoiceState, type StreamListener } from './consumeStream';
import { RequestGate } from './requestGate';
import { KnownServers } from './servers';
import { choiceLimitFrom } from './choiceLimit';
import { contextLimitFrom, shrunkWindow } from './contextLimit';

export interface RunnerDeps {
  stream: StreamFn;
  endpointFor(settings: CompletionSettings, apiKey: string | undefined): EndpointConfig;
  now?: () => number;
  /** For the back-off's jitter; Math.random by default. */
  random?: () => number;
}

export interface RunListener extends StreamListener {
  /** A request is being sent: the first one, or the retry without `suffix`. */
  onSend?(plan: RequestPlan): void;
}

export interface RunResult {
  /** The plan of the last request sent (without `suffix` after a refusal). */
  plan: RequestPlan;
  /** Undefined when the stream ended normally; kind 'aborted' when `signal` stopped it. */
  error: CompletionError | undefined;
  /** Every choice hit a stop sequence and the stream was closed before the server finished. */
  closedEarly: boolean;
}

export class RequestRunner {
  /** When requests may be sent: rate limits, back-off, a rejected key. */
  readonly gate: RequestGate;
  /** Which known server each base URL is, from the signature of its answers. */
  readonly servers = new KnownServers();
  /** Base URLs whose server rejected `suffix` (useSuffix: auto). */
  private readonly suffixRejectedBy = new Set<string>();
  /** Context windows (tokens) learnt from `context_length_exceeded`, by base URL and model. */
  private readonly learntWindows = new Map<string, number>();
  /** The most choices (`n`) a server said it takes, by base URL. */
  private readonly maxChoicesBy = new Map<string, number>();

  constructor(private readonly deps: RunnerDeps) {
    this.gate = new RequestGate(deps.now ?? Date.now, deps.random);
  }

  /** The request for `input`, with `suffix` unless this server is known to refuse it. */
  plan(input: CompletionInput, choices: number): RequestPlan {
    const s = input.settings;
    const refused = this.suffixRejectedBy.has(s.baseUrl) || this.servers.ignoresSuffix(s.baseUrl);
    const sendSuffix = s.useSuffix === 'always' || (s.useSuffix === 'auto' && !refused);
    return planRequest(this.withLearntWindow(input), sendSuffix, this.choiceCount(s, choices));
  }

  /** Streams `firstPlan` into `choices` (one per choice the plan asks for). */
  async run(
    input: CompletionInput,
    firstPlan: RequestPlan,
    choices: ChoiceState[],
    signal: AbortSignal,
    listener: RunListener = {},
  ): Promise<RunResult> {
    const s = input.settings;
    let plan = firstPlan;
    let shrunk = false;
    let fewer = false;
    const heard = { ...listener, onServer: (server: KnownServer) => this.servers.learn(s.baseUrl, server) };
    for (let attempt = 0; ; attempt++) {
      try {
        listener.onSend?.(plan);
        const events = this.deps.stream(plan.request, this.deps.endpointFor(s, input.apiKey), signal, {
          includeSuffix: plan.request.suffix !== undefined,
        });
        const closedEarly = await consumeStream(events, choices, plan, heard);
        this.gate.record(undefined);
        return { plan, error: undefined, closedEarly };
      } catch (err) {
        const error = asCompletionError(err, signal.aborted);
        const suffixRefused =
          error.kind === 'bad-request' &&
          s.useSuffix === 'auto' &&
          plan.request.suffix !== undefined &&
          attempt === 0 &&
          choices.every((c) => c.text === '') &&
          (error.param === 'suffix' || /suffix/i.test(error.serverMessage ?? error.message));
        if (suffixRefused) {
          // This server does not take `suffix` (many compatible servers): remember and retry once.
          this.suffixRejectedBy.add(s.baseUrl);
          plan = planRequest(input, false, this.choiceCount(s, choices.length));
          continue;
        }
        const limit = contextLimitFrom(error);
        if (limit !== undefined && !shrunk && choices.every((c) => c.text === '')) {
          // The same prompt would fail on every pause: remember a smaller window and retry once.
          shrunk = true;
          this.learntWindows.set(windowKey(s), shrunkWindow(limit, plan));
          plan = planRequest(this.withLearntWindow(input), plan.request.suffix !== undefined, this.choiceCount(s, choices.length));
          continue;
        }
        const maxChoices = choiceLimitFrom(error);
        const asked = plan.request.n ?? 1;
        if (maxChoices !== undefined && maxChoices < asked && !fewer && choices.every((c) => c.text === '')) {
          // Alt+\ on a server with fewer slots: take what it can give, and ask for no more next time.
          fewer = true;
          this.maxChoicesBy.set(s.baseUrl, maxChoices);
          plan = { ...plan, request: { ...plan.request, n: maxChoices } };
          continue;
        }
        this.gate.record(error);
        return { plan, error, closedEarly: false };
      }
    }
  }

  /** `wanted` choices, or fewer when this server said it takes fewer. */
  private choiceCount(s: CompletionSettings, wanted: number): number {
    return Math.min(wanted, this.maxChoicesBy.get(s.baseUrl) ?? wanted);
  }

  /** `input` with the model's window as this server told us, when it told us. */
  private withLearntWindow(input: CompletionInput): CompletionInput {
    const learnt = this.learntWindows.get(windowKey(input.settings));
    if (learnt === undefined) return input;
    const s = input.settings;
    return { ...input, settings: { ...s, modelContextWindows: { ...s.modelContextWindows, [s.model]: learnt } } };
  }
}

function windowKey(s: CompletionSettings): string {
  return `${s.baseUrl}\u0000${s.model}`;
}

function asCompletionError(err: unknown, aborted: boolean): CompletionError {
  if (err instanceof CompletionError) return err;
  if (aborted || isAbortError(err)) return new CompletionError('aborted', 'Request cancelled.');
  return new CompletionError('protocol', `Unexpected failure: ${err instanceof Error ? err.message : String(err)}`);
}
