// One HTTP exchange on undici with the three timeouts (connect, first byte, idle between chunks), cancellation,
// and the mapping of low-level failures to CompletionError. Shared by the completions and models calls.

import { Agent, request, type Dispatcher } from 'undici';
import { CompletionError, type TimeoutPhase } from '../core/completionError';
import { redact } from '../core/redact';
import { withConnectHook } from './connectHook';
import { DispatcherCache } from './dispatcherCache';
import { errorFromResponse } from './errorFromResponse';
import { headerValue } from './headers';
import { formatMs } from './text';
import { classifyNetworkError } from './networkError';
import { tlsFailureMessage } from './tlsErrors';
import type { EndpointTarget } from './endpoint';
import type { EndpointConfig, Timeouts } from '../core/ports';

type Body = Dispatcher.ResponseData['body'];
export type Response = Dispatcher.ResponseData;

// One Agent per connect timeout, shared by all requests with that limit. Our own timer reports a slow connect;
// the Agent's limit also ends the pool's connection attempt itself. First-byte and idle limits are per request,
// so not in the key.
const agents = new DispatcherCache<number, Agent>();

function agentFor(connectMs: number): Agent {
  // timeout 0 disables undici's connect timer.
  return agents.get(connectMs, () => new Agent({ connect: { timeout: connectMs } }));
}

/** Closes the cached connection pools (extension deactivation, end of tests). */
export async function closeAgents(): Promise<void> {
  await agents.destroyAll();
}

/** A limit ≤ 0 or non-finite means "no limit". */
function limit(ms: number | undefined): number {
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/**
 * Cancellation and timers of a single request. Every way of stopping (caller abort, a timeout, the consumer
 * going away) goes through one AbortController, which makes undici destroy the socket so the server sees the
 * disconnect and stops generating.
 */
export class Exchange {
  private readonly controller = new AbortController();
  private readonly timeouts: Timeouts;
  private timer: NodeJS.Timeout | undefined;
  /** The cap on the whole exchange (capTotal), apart from the per-phase timer. */
  private deadline: NodeJS.Timeout | undefined;
  /** Why the exchange was stopped; the first reason wins. A CompletionError is a cap the caller set. */
  private stopReason: 'user' | 'closed' | TimeoutPhase | CompletionError | undefined;
  private readonly stopped: Promise<never>;
  private readonly onUserAbort = (): void => this.stop('user');

  constructor(
    private readonly config: EndpointConfig,
    private readonly target: EndpointTarget,
    private readonly userSignal?: AbortSignal,
  ) {
    this.timeouts = config.timeouts;
    // Settles when anything aborts; raced against every await so no wait outlives a stop.
    this.stopped = new Promise<never>((_resolve, reject) => {
      this.controller.signal.addEventListener('abort', () => reject(this.stopError()), { once: true });
    });
    this.stopped.catch(() => undefined);
    if (userSignal) {
      if (userSignal.aborted) this.onUserAbort();
      else userSignal.addEventListener('abort', this.onUserAbort, { once: true });
    }
  }

  /** The typed error for a non-2xx response whose body has been read. */
  statusError(res: Response, bodyText: string): CompletionError {
    return errorFromResponse({
      label: this.target.label,
      status: res.statusCode,
      headers: res.headers,
      bodyText,
      contentType: headerValue(res.headers, 'content-type'),
      sentKey: this.target.sentKey,
      secrets: this.target.secrets,
    });
  }

  /**
   * Stops the exchange with `error()` once `ms` have passed, whatever phase it is in: the socket is destroyed
   * and the pending or next wait throws that error. For limits on the whole stream, which the per-phase
   * timeouts cannot see (a server that keeps sending, slowly or only keep-alives).
   */
  capTotal(ms: number, error: () => CompletionError): void {
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = setTimeout(() => this.stop(error()), ms);
  }

  /** Sends the request and waits for the response headers. */
  async open(method: 'GET' | 'POST', body?: string): Promise<Response> {
    if (this.controller.signal.aborted) throw this.stopError();
    const connectMs = limit(this.timeouts.connectMs);
    const firstByteMs = limit(this.timeouts.firstByteMs);
    const base = (this.config.dispatcher as Dispatcher | undefined) ?? agentFor(connectMs);
    // Our own timers, because undici's run on a coarse clock (a 200 ms limit fires after up to a second) and
    // a proxy dispatcher does not get our connect limit. The connect phase ends when undici puts the request
    // on a connected socket (a reused keep-alive socket: at once); then the first-byte phase starts.
    if (connectMs > 0) this.arm(connectMs, 'connect');
    const onConnected = (): void => {
      if (firstByteMs > 0) this.arm(firstByteMs, 'firstByte');
      else this.disarm();
    };
    if (connectMs === 0) onConnected();
    try {
      return await Promise.race([
        request(this.target.url, {
          method,
          headers: this.target.headers,
          body: body ?? null,
          dispatcher: withConnectHook(base, onConnected),
          signal: this.controller.signal,
          // Backstop only: our timer fires first.
          headersTimeout: firstByteMs > 0 ? firstByteMs + 1000 : 0,
          // The idle limit is enforced by nextChunk, which only counts time spent waiting for the server.
          bodyTimeout: 0,
        }),
        this.stopped,
      ]);
    } catch (err) {
      throw this.classify(err, 'request');
    } finally {
      this.disarm();
    }
  }

  /** Next body chunk, failing with an idle timeout if the server stays silent too long. */
  async nextChunk(it: AsyncIterator<Buffer>): Promise<IteratorResult<Buffer>> {
    if (this.controller.signal.aborted) throw this.stopError();
    const idleMs = limit(this.timeouts.idleMs);
    if (idleMs > 0) this.arm(idleMs, 'idle');
    try {
      return await Promise.race([it.next(), this.stopped]);
    } catch (err) {
      throw this.classify(err, 'body');
    } finally {
      this.disarm();
    }
  }

  /** Reads at most `max` bytes of the body as UTF-8 (for error and JSON bodies). */
  async readText(it: AsyncIterator<Buffer>, max: number): Promise<{ text: string; truncated: boolean }> {
    const parts: Buffer[] = [];
    let size = 0;
    for (;;) {
      const r = await this.nextChunk(it);
      if (r.done) return { text: Buffer.concat(parts).toString('utf8'), truncated: false };
      const room = max - size;
      if (r.value.length >= room) {
        parts.push(r.value.subarray(0, room));
        return { text: Buffer.concat(parts).toString('utf8'), truncated: true };
      }
      parts.push(r.value);
      size += r.value.length;
    }
  }

  /** Whether the caller's signal stopped this exchange. */
  get aborted(): boolean {
    return this.stopReason === 'user';
  }

  /** Stops the request now (closing the socket if the response is still open) and releases listeners. */
  close(body?: Body): void {
    this.disarm();
    this.clearDeadline();
    this.userSignal?.removeEventListener('abort', this.onUserAbort);
    if (body && !body.readableEnded) {
      this.stop('closed');
      body.destroy();
    }
  }

  /** Releases listeners and timers but lets a finished body go back to the pool (keep-alive). */
  release(): void {
    this.disarm();
    this.clearDeadline();
    this.userSignal?.removeEventListener('abort', this.onUserAbort);
  }

  /**
   * After [DONE] the chunked terminator usually follows at once; reading it lets undici reuse the connection.
   * Runs in the background with a short cap; a server that keeps the body open after [DONE] gets disconnected.
   */
  drainInBackground(it: AsyncIterator<Buffer>, body: Body, capMs = 1000): void {
    this.release();
    if (body.readableEnded) return;
    const timer = setTimeout(() => body.destroy(), capMs);
    timer.unref(); // never keeps the process alive
    void (async () => {
      try {
        for (let i = 0; i < 64; i++) if ((await it.next()).done) return;
      } catch {
        // The stream was destroyed or broke: nothing to salvage.
      } finally {
        clearTimeout(timer);
        if (!body.readableEnded) body.destroy();
      }
    })();
  }

  private arm(ms: number, phase: TimeoutPhase): void {
    this.disarm();
    this.timer = setTimeout(() => this.stop(phase), ms);
  }

  private clearDeadline(): void {
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = undefined;
  }

  private stop(reason: 'user' | 'closed' | TimeoutPhase | CompletionError): void {
    this.stopReason ??= reason;
    this.controller.abort();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The error for a stop we caused ourselves: the caller's abort or one of our timers. */
  private stopError(): CompletionError {
    const r = this.stopReason;
    if (r instanceof CompletionError) return r;
    if (r === 'connect' || r === 'firstByte' || r === 'idle') return this.timeoutError(r);
    return new CompletionError('aborted', r === 'closed' ? 'The request was stopped.' : 'The request was cancelled.');
  }

  private timeoutError(phase: TimeoutPhase, cause?: unknown): CompletionError {
    const { label, host } = this.target;
    const t = this.timeouts;
    const message =
      phase === 'connect'
        ? `Could not connect to ${host} within ${formatMs(limit(t.connectMs))} (connect timeout).`
        : phase === 'firstByte'
          ? `${label} did not start answering within ${formatMs(limit(t.firstByteMs))} (first-byte timeout).`
          : `${label} stopped sending for ${formatMs(limit(t.idleMs))} in the middle of the response (idle timeout).`;
    return new CompletionError('timeout', message, { timeoutPhase: phase, cause, secrets: this.target.secrets });
  }

  /** Maps whatever undici or the OS threw to a CompletionError. */
  classify(err: unknown, stage: 'request' | 'body'): CompletionError {
    if (err instanceof CompletionError) return err;
    // Our own stops first: undici reports them as generic aborts.
    if (this.stopReason) return this.stopError();
    const failure = classifyNetworkError(err);
    const { host, secrets } = this.target;
    const opts = { code: failure.code, cause: err, secrets };
    switch (failure.type) {
      case 'timeout':
        return this.timeoutError(failure.phase, err);
      case 'aborted':
        return new CompletionError('aborted', 'The request was cancelled.', { cause: err });
      case 'unreachable':
        return new CompletionError('network', `Could not connect to ${host}: ${failure.reason('server')} (${failure.code}).`, opts);
      case 'dns':
        return new CompletionError('network', `Could not resolve the host name ${this.target.url.hostname} (${failure.code}).`, opts);
      case 'tls':
        return new CompletionError('network', tlsFailureMessage(host, failure.code), opts);
    }
    // A reset ('closed') may come before or in the middle of the response, so it is worded by stage too.
    const reason = failure.code ?? redact(err instanceof Error ? err.message : String(err), secrets);
    return stage === 'request'
      ? new CompletionError('network', `The connection to ${host} failed before a response arrived (${reason}).`, opts)
      : new CompletionError('network', `The connection to ${host} broke in the middle of the response (${reason}).`, opts);
  }
}
