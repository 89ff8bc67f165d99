// Sends a planned request and consumes its stream, retrying once without `suffix` when a
// server refuses it (useSuffix: auto). It remembers, per base URL, which servers refused
// `suffix` and when a server asked us to wait, for every caller that shares it: inline
// completions and Complete Selection alike.

import { CompletionError } from '../completionError';
import { isAbortError } from '../debounce';
import type { CompletionInput } from '../input/completionInput';
import { planRequest, type RequestPlan } from '../plan/requestPlan';
import type { EndpointConfig, StreamFn } from '../ports';
import type { CompletionSettings } from '../settings';
import { consumeStream, type ChoiceState, type StreamListener } from './consumeStream';

export interface RunnerDeps {
  stream: StreamFn;
  endpointFor(settings: CompletionSettings, apiKey: string | undefined): EndpointConfig;
  now?: () => number;
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

/** How long to wait after a 429 that named no Retry-After. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 5000;

export class RequestRunner {
  /** Base URLs whose server rejected `suffix` (useSuffix: auto). */
  private readonly suffixRejectedBy = new Set<string>();
  private rateLimitedUntil = 0;
  private readonly now: () => number;

  constructor(private readonly deps: RunnerDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The request for `input`, with `suffix` unless this server is known to refuse it. */
  plan(input: CompletionInput, choices: number): RequestPlan {
    const s = input.settings;
    const sendSuffix = s.useSuffix === 'always' || (s.useSuffix === 'auto' && !this.suffixRejectedBy.has(s.baseUrl));
    return planRequest(input, sendSuffix, choices);
  }

  /** A server answered 429 and the time it asked for has not passed yet. */
  isRateLimited(): boolean {
    return this.now() < this.rateLimitedUntil;
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
    for (let attempt = 0; ; attempt++) {
      try {
        listener.onSend?.(plan);
        const events = this.deps.stream(plan.request, this.deps.endpointFor(s, input.apiKey), signal, {
          includeSuffix: plan.request.suffix !== undefined,
        });
        const closedEarly = await consumeStream(events, choices, plan, listener);
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
          plan = planRequest(input, false, choices.length);
          continue;
        }
        if (error.kind === 'rate-limited') {
          this.rateLimitedUntil = this.now() + (error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS);
        }
        return { plan, error, closedEarly: false };
      }
    }
  }
}

function asCompletionError(err: unknown, aborted: boolean): CompletionError {
  if (err instanceof CompletionError) return err;
  if (aborted || isAbortError(err)) return new CompletionError('aborted', 'Request cancelled.');
  return new CompletionError('protocol', `Unexpected failure: ${err instanceof Error ? err.message : String(err)}`);
}
