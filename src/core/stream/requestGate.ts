// Whether the next request may be sent. Requests that cannot succeed are not sent again and
// again: a rejected key, an exhausted quota or a missing model stop automatic requests until
// something changes (the key, the settings, or the user asking explicitly); a rate limit waits
// as long as the server asked, but never more than a minute; repeated server or network
// failures back off, bounded and jittered, and recover by themselves.

import type { CompletionError } from '../completionError';

/** Why automatic requests are paused. */
export type GateState =
  | { kind: 'open' }
  | { kind: 'waiting'; until: number; reason: 'rate-limited' | 'failing'; error: CompletionError }
  | { kind: 'blocked'; reason: 'key' | 'quota' | 'not-found'; error: CompletionError };

/** The OpenAI SDK ignores waits longer than this too: an hour-long Retry-After is a server bug, not a plan. */
export const MAX_WAIT_MS = 60_000;
/** A 429 that named no wait. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 5_000;
const FIRST_BACKOFF_MS = 1_000;

export class RequestGate {
  private current: GateState = { kind: 'open' };
  private failuresInARow = 0;

  constructor(
    private readonly now: () => number = Date.now,
    /** In [0, 1); jitter spreads the retries of many windows after an outage. */
    private readonly random: () => number = Math.random,
  ) {}

  get state(): GateState {
    if (this.current.kind === 'waiting' && this.now() >= this.current.until) this.current = { kind: 'open' };
    return this.current;
  }

  /** An explicit request (Alt+\, Complete Selection) is the user saying "try again now". */
  allows(explicit: boolean): boolean {
    return explicit || this.state.kind === 'open';
  }

  /** Learns from how a request ended: undefined for success. Cancelled requests say nothing. */
  record(error: CompletionError | undefined): void {
    if (!error) {
      this.open();
      return;
    }
    if (error.kind === 'aborted') return;
    const blocked = blockReason(error);
    if (blocked) {
      this.current = { kind: 'blocked', reason: blocked, error };
      return;
    }
    if (error.kind === 'rate-limited') {
      const wait = Math.min(error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS, MAX_WAIT_MS);
      this.current = { kind: 'waiting', until: this.now() + wait, reason: 'rate-limited', error };
      return;
    }
    if (error.retryable) {
      this.failuresInARow++;
      const ceiling = Math.min(FIRST_BACKOFF_MS * 2 ** (this.failuresInARow - 1), MAX_WAIT_MS);
      // Between half and all of the ceiling ("equal jitter"): never zero, never in lockstep.
      const wait = Math.max(error.retryAfterMs ?? 0, ceiling / 2 + (ceiling / 2) * this.random());
      this.current = { kind: 'waiting', until: this.now() + Math.min(wait, MAX_WAIT_MS), reason: 'failing', error };
    }
  }

  /** Something changed that may make requests succeed again (a new key, new settings). */
  open(): void {
    this.current = { kind: 'open' };
    this.failuresInARow = 0;
  }
}

/** Why an error stops automatic requests for good (until something changes), if it does. */
export function blockReason(error: CompletionError): 'key' | 'quota' | 'not-found' | undefined {
  // A rejected or unauthorised key stays rejected until the user changes it.
  if (error.kind === 'unauthorized' || error.kind === 'forbidden') return 'key';
  const said = `${error.code ?? ''} ${error.serverMessage ?? ''}`;
  // A 429 that waiting does not fix: the account has no credit left.
  if (error.kind === 'rate-limited' && /insufficient_quota|exceeded your current quota/i.test(said)) return 'quota';
  // No such model or deployment (or no such path): the settings must change.
  if (error.kind === 'not-found' || /model_not_found|deployment_?not_?found/i.test(error.code ?? '')) return 'not-found';
  return undefined;
}
