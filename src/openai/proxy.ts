// The undici dispatcher for a chosen proxy: undici's ProxyAgent, one per proxy URL and TLS strictness.
// Both http and https targets go through a CONNECT tunnel, so an http proxy never sees the request headers
// (the API key) of an https target, nor of an http one.
// No vscode import: src/vscode/proxySettings.ts reads the settings and calls proxyUrlFor and proxyAgentFor.

import { Dispatcher, Pool, ProxyAgent } from 'undici';
import type { CompletionError } from '../core/completionError';
import { DispatcherCache } from './dispatcherCache';
import { parseProxyUrl, type ParsedProxy } from './proxyUrl';
import { proxyConnectError, tunnelRefused } from './proxyTunnelErrors';
import { RejectingDispatcher } from './rejectingDispatcher';

// The choice of proxy lives in proxyChoice.ts; src/vscode takes it from here with the agent.
export { proxyUrlFor, type ProxyOptions } from './proxyChoice';

const agents = new DispatcherCache<string, ProxyAgent>();

export interface ProxyAgentExtras {
  /** Trusted CAs for the target and an https:// proxy (tlsTrust.ts); Node's defaults when absent. */
  ca?: string[];
  /** Identifies `ca` for the cache (TlsTrust.key). */
  trustKey?: string;
  /** VS Code's `http.proxyAuthorization`: the Proxy-Authorization header value. A secret: never logged. */
  authorization?: string;
}

/**
 * The dispatcher for `EndpointConfig.dispatcher`: a shared ProxyAgent per proxy URL and TLS strictness (agents
 * keep tunnels alive). `strictSSL` false turns off certificate checks of the target through the tunnel and of
 * an https:// proxy itself (VS Code's `http.proxyStrictSSL`). Failures of the proxy itself become
 * CompletionErrors that name the proxy. Never throws: for an unusable proxy URL it returns a dispatcher that
 * fails every request with CompletionError 'invalid-config', without any network I/O.
 */
export function proxyAgentFor(proxyUrl: string, strictSSL: boolean, extra: ProxyAgentExtras = {}): Dispatcher {
  let parsed: ParsedProxy;
  try {
    parsed = parseProxyUrl(proxyUrl);
  } catch (err) {
    return new RejectingDispatcher(err as CompletionError);
  }
  const p = parsed;
  // VS Code's `http.proxyAuthorization` is sent as it is and wins over credentials in the URL.
  const token = extra.authorization?.trim() || p.token;
  const tls = { rejectUnauthorized: strictSSL, ...(extra.ca ? { ca: extra.ca } : {}) };
  return agents.get(
    `${strictSSL}|${p.href}|${extra.trustKey ?? ''}|${token ?? ''}`,
    () =>
      new ProxyAgent({
        uri: p.url.href,
        // The token, not credentials left in `uri`: undici sends none for a user without a password (curl sends
        // "user:") and throws on bad percent-encoding; parseProxyUrl has already reported that without the password.
        ...(token ? { token } : {}),
        // CONNECT for http targets too (undici's default, stated): the proxy sees only host:port.
        proxyTunnel: true,
        requestTls: tls,
        proxyTls: tls,
        clientFactory: (origin, opts) => new TunnelPool(origin, opts as Pool.Options, p),
      }),
  );
}

/** Closes every cached proxy agent and its tunnels (extension deactivation, end of tests). */
export async function closeProxyAgents(): Promise<void> {
  await agents.destroyAll();
}

type PoolConnectOptions = Omit<Dispatcher.ConnectOptions, 'origin'>;

/**
 * The ProxyAgent's connection to the proxy, which opens the CONNECT tunnels: undici's Pool plus our errors.
 * Kept because undici's ProxyAgent reports a refused proxy port as a failure to reach the target, and a refused
 * tunnel (e.g. 407) as RequestAbortedError, i.e. as a cancellation, dropping the Proxy-Authenticate header
 * that the 407 messages need (see proxyTunnelErrors.ts and the tests naming the proxy in proxy.test.ts).
 */
class TunnelPool extends Pool {
  constructor(
    origin: URL,
    opts: Pool.Options,
    private readonly proxy: ParsedProxy,
  ) {
    super(origin, opts);
  }

  override connect(options: PoolConnectOptions): Promise<Dispatcher.ConnectData>;
  override connect(options: PoolConnectOptions, callback: (err: Error | null, data: Dispatcher.ConnectData) => void): void;
  override connect(
    options: PoolConnectOptions,
    callback?: (err: Error | null, data: Dispatcher.ConnectData) => void,
  ): Promise<Dispatcher.ConnectData> | void {
    const result = this.tunnel(options);
    if (!callback) return result;
    result.then(
      (data) => callback(null, data),
      (err: Error) => callback(err, undefined as unknown as Dispatcher.ConnectData),
    );
  }

  private async tunnel(options: PoolConnectOptions): Promise<Dispatcher.ConnectData> {
    let data: Dispatcher.ConnectData;
    try {
      data = await super.connect(options);
    } catch (err) {
      throw proxyConnectError(err, this.proxy);
    }
    if (data.statusCode !== 200) {
      data.socket.on('error', () => undefined).destroy();
      throw tunnelRefused(data, options.path, this.proxy);
    }
    return data;
  }
}
