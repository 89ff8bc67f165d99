// What went wrong on the wire, read from the error code undici or the OS gave. One table for both the direct
// transport and the proxy tunnel, which word their messages differently (server vs proxy, stage of the request).

import type { TimeoutPhase } from '../core/completionError';

export type NetworkFailure =
  /** Cancelled through the request's AbortSignal. */
  | { type: 'aborted'; code?: string }
  /** One of undici's own timers, or the OS's connect timeout. */
  | { type: 'timeout'; code: string; phase: TimeoutPhase }
  /** No connection could be made; `reason` finishes "Could not connect to X: …". */
  | { type: 'unreachable'; code: string; reason: (peer: Peer) => string }
  /**
   * The peer hung up. Kept apart from 'unreachable': on a direct connection it may happen in the middle of the
   * response, so the transport words it by stage; while a proxy opens a tunnel it means the proxy closed it.
   */
  | { type: 'closed'; code: string; reason: (peer: Peer) => string }
  | { type: 'dns'; code: string }
  | { type: 'tls'; code: string }
  | { type: 'other'; code?: string };

/** Who the connection was to, for wording: "is the server running?" vs "is the proxy running?". */
export type Peer = 'server' | 'proxy';

const TIMEOUTS: Record<string, TimeoutPhase> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect',
  ETIMEDOUT: 'connect',
  UND_ERR_HEADERS_TIMEOUT: 'firstByte',
  UND_ERR_BODY_TIMEOUT: 'idle',
};

const UNREACHABLE: Record<string, (peer: Peer) => string> = {
  ECONNREFUSED: (peer) => `connection refused; is the ${peer} running?`,
  EHOSTUNREACH: () => 'host unreachable',
  ENETUNREACH: () => 'network unreachable',
  EADDRNOTAVAIL: () => 'address not available',
};

const CLOSED: Record<string, (peer: Peer) => string> = {
  ECONNRESET: (peer) => `the ${peer} closed the connection`,
  EPIPE: (peer) => `the ${peer} closed the connection`,
};

const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME']);

function isTlsCode(code: string): boolean {
  // Node's ERR_TLS_* plus OpenSSL's verification codes (CERT_HAS_EXPIRED, SELF_SIGNED_CERT_IN_CHAIN, …).
  return code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE';
}

export function classifyNetworkError(err: unknown): NetworkFailure {
  const code = errorCode(err);
  // A DOMException AbortError has a numeric code, so the name is checked too.
  if (code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR') return { type: 'aborted', code };
  if (err instanceof Error && err.name === 'AbortError') return { type: 'aborted', code };
  if (code === undefined) return { type: 'other' };
  const phase = TIMEOUTS[code];
  if (phase) return { type: 'timeout', code, phase };
  const unreachable = UNREACHABLE[code];
  if (unreachable) return { type: 'unreachable', code, reason: unreachable };
  const closed = CLOSED[code];
  if (closed) return { type: 'closed', code, reason: closed };
  if (DNS.has(code)) return { type: 'dns', code };
  if (isTlsCode(code)) return { type: 'tls', code };
  return { type: 'other', code };
}

/** The system or undici error code, looking through AggregateError (happy-eyeballs) and `cause`. */
export function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const inner = (e as { errors?: unknown[] }).errors;
    e = Array.isArray(inner) && inner.length > 0 ? inner[0] : (e as { cause?: unknown }).cause;
  }
  return undefined;
}
