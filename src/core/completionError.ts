// The one error type of a completion request, with the kinds the engine and the adapter act on.
// Core owns it; the client (src/openai) throws it.

import { redact } from './redact';

export type CompletionErrorKind =
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'protocol'
  | 'incomplete'
  | 'aborted'
  | 'insecure-url'
  /** Settings that cannot work at all: malformed base URL, missing Azure deployment, bad header name. */
  | 'invalid-config'
  | 'http';

export type TimeoutPhase = 'connect' | 'firstByte' | 'idle';

export interface CompletionErrorOptions {
  status?: number;
  retryAfterMs?: number;
  serverMessage?: string;
  param?: string;
  /** The server's `error.code` (e.g. 'invalid_api_key'), or the system error code of a network failure (e.g. 'ECONNREFUSED'). */
  code?: string;
  timeoutPhase?: TimeoutPhase;
  cause?: unknown;
  /** Strings to scrub from every text field (the API key, secret header values). */
  secrets?: readonly string[];
}

export class CompletionError extends Error {
  readonly kind: CompletionErrorKind;
  readonly status?: number;
  readonly retryAfterMs?: number;
  /** The server's `error.message`, redacted. */
  readonly serverMessage?: string;
  /** The request parameter the server blamed (`error.param`), e.g. 'suffix'. */
  readonly param?: string;
  readonly code?: string;
  readonly timeoutPhase?: TimeoutPhase;

  constructor(kind: CompletionErrorKind, message: string, opts: CompletionErrorOptions = {}) {
    const secrets = opts.secrets ?? [];
    // Redact before super(): the stack trace is built from the message at construction.
    super(redact(message, secrets), opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'CompletionError';
    this.kind = kind;
    if (opts.status !== undefined) this.status = opts.status;
    if (opts.retryAfterMs !== undefined) this.retryAfterMs = opts.retryAfterMs;
    if (opts.serverMessage !== undefined) this.serverMessage = redact(opts.serverMessage, secrets);
    if (opts.param !== undefined) this.param = redact(opts.param, secrets);
    if (opts.code !== undefined) this.code = redact(opts.code, secrets);
    if (opts.timeoutPhase !== undefined) this.timeoutPhase = opts.timeoutPhase;
  }

  /** Whether trying the same request again later may succeed. */
  get retryable(): boolean {
    return (
      this.kind === 'rate-limited' ||
      this.kind === 'server' ||
      this.kind === 'network' ||
      this.kind === 'timeout' ||
      this.kind === 'incomplete'
    );
  }
}

/** A short, key-free sentence for the UI, whatever was thrown. */
export function userMessage(err: unknown, secrets: readonly (string | undefined)[] = []): string {
  if (err instanceof CompletionError) return redact(err.message, secrets);
  if (err instanceof Error) {
    if (err.name === 'AbortError') return 'The request was cancelled.';
    return redact(`Unexpected error: ${err.message}`, secrets);
  }
  return redact(`Unexpected error: ${String(err)}`, secrets);
}
