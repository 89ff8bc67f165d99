// The proxy's own failures as CompletionErrors that name the proxy: otherwise a refused proxy port reads
// "could not connect to <target>", and a refused tunnel (e.g. 407) surfaces as undici's RequestAbortedError,
// i.e. as a cancellation, without the Proxy-Authenticate header that says what the proxy wants.

import type { Dispatcher } from 'undici';
import { CompletionError } from '../core/completionError';
import { classifyNetworkError } from './networkError';
import type { ParsedProxy } from './proxyUrl';
import { snippet } from './text';
import { tlsFailureMessage } from './tlsErrors';

/** The error for a failed connection to the proxy itself; cancellations are returned unchanged. */
export function proxyConnectError(err: unknown, proxy: ParsedProxy): unknown {
  const failure = classifyNetworkError(err);
  // Cancellations stay what they are, so the transport reports them as such.
  if (failure.type === 'aborted') return err;
  const code = failure.code;
  // Only system codes are copied: undici retries on some of its own codes (UND_ERR_SOCKET) and wraps
  // ERR_TLS_CERT_ALTNAME_INVALID, which would hide this error again.
  const opts = {
    code: code && /^E[A-Z0-9_]+$/.test(code) && !code.startsWith('ERR_') ? code : undefined,
    cause: err,
    secrets: proxy.secrets,
  };
  const where = `the proxy ${proxy.host}`;
  switch (failure.type) {
    case 'timeout':
      if (failure.phase !== 'connect') break;
      return new CompletionError('timeout', `Could not connect to ${where} in time (connect timeout).`, {
        ...opts,
        timeoutPhase: 'connect',
      });
    // While the tunnel is being opened, a reset means the proxy hung up: a failure to connect.
    case 'unreachable':
    case 'closed':
      return new CompletionError('network', `Could not connect to ${where}: ${failure.reason('proxy')} (${failure.code}).`, opts);
    case 'dns':
      return new CompletionError('network', `Could not resolve the host name of ${where} (${failure.code}).`, opts);
    case 'tls':
      return new CompletionError('network', tlsFailureMessage(where, failure.code, 'http.proxy'), opts);
  }
  const reason = code ?? (err instanceof Error ? snippet(err.message, 120) : snippet(String(err), 120));
  return new CompletionError('network', `The connection to ${where} failed (${reason}).`, opts);
}

/** The error for a proxy that answered the CONNECT with anything but 200. */
export function tunnelRefused(data: Dispatcher.ConnectData, target: string, proxy: ParsedProxy): CompletionError {
  const status = data.statusCode;
  if (status === 407) {
    // One header per offered scheme (e.g. Negotiate, NTLM, Basic realm="x"); only Basic can be answered.
    const raw = data.headers['proxy-authenticate'];
    const schemes = (Array.isArray(raw) ? raw : raw ? [raw] : [])
      .map((c) => /^\s*([^\s,]+)/.exec(c)?.[1] ?? '')
      .filter((c) => c !== '');
    let why: string;
    if (schemes.length > 0 && !schemes.some((c) => /^basic$/i.test(c))) {
      why = `it asks for ${snippet(schemes.join(' / '), 40)} authentication, which is not supported (only Basic, via http://user:password@host:port)`;
    } else if (proxy.token) {
      why = 'it rejected the user name and password in the proxy URL';
    } else {
      why = 'put the user name and password in the proxy URL: http://user:password@host:port';
    }
    return new CompletionError('invalid-config', `The proxy ${proxy.host} requires authentication (407): ${why}.`, {
      secrets: proxy.secrets,
    });
  }
  return new CompletionError(
    'network',
    `The proxy ${proxy.host} refused to open a tunnel to ${snippet(target, 100)} (HTTP ${status}).`,
    { secrets: proxy.secrets },
  );
}
