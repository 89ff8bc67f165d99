// Chooses the proxy for a request the way VS Code and curl users expect, and builds the undici dispatcher for it.
//
//   - VS Code's `http.proxy` setting first, else the environment like curl: `https_proxy`, `HTTPS_PROXY`
//     for https targets, `http_proxy`, `HTTP_PROXY` for http targets, then `all_proxy`, `ALL_PROXY`
//     (lower case first, empty values count as unset). Unlike curl, upper-case `HTTP_PROXY` is honoured:
//     curl ignores it because of CGI's `Proxy:` header injection ("httpoxy"), which cannot happen in an editor.
//   - `no_proxy` / `NO_PROXY` (plus an optional list from settings) exempts hosts, also from `http.proxy`.
//     `localhost` and loopback addresses are proxied unless listed, as with curl.
//   - Proxy URLs: http:// or https://, a missing scheme meaning http:// (curl); `user:password@` becomes
//     `Proxy-Authorization: Basic`. Credentials never appear in a message; see redactProxyUrl for logging.
//   - Both http and https targets go through a CONNECT tunnel, so an http proxy never sees the request
//     headers (the API key) of an https target, nor of an http one.
// No vscode import: src/vscode/proxySettings.ts reads the settings and calls these.

import { BlockList, isIP } from 'node:net';
import { Dispatcher, Pool, ProxyAgent } from 'undici';
import { CompletionError } from '../core/completionError';
import { snippet } from './text';
import { DispatcherCache } from './dispatcherCache';
import { classifyNetworkError } from './networkError';

export interface ProxyOptions {
  /** VS Code's `http.proxy`; empty means "use the environment". */
  proxy?: string;
  /** VS Code's `http.proxyStrictSSL` (used by proxyAgentFor, not for the choice of proxy). */
  strictSSL?: boolean;
  /** Hosts exempted in addition to `no_proxy` / `NO_PROXY` (e.g. VS Code's `http.noProxy`). */
  noProxy?: string | readonly string[];
  env?: Record<string, string | undefined>;
}

/** The first non-empty value among `names`, in that order (curl looks at the lower-case name first). */
function envValue(env: Record<string, string | undefined>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

// ------------------------------------------------------------------------------------------------ NO_PROXY

interface NoProxyEntry {
  /** Lower case, no brackets, no leading `.` / `*.`, no trailing dot; '' for `*`. */
  host: string;
  port?: string;
  /** CIDR prefix length for an IP entry written `10.0.0.0/8`. */
  bits?: number;
}

function parseNoProxyEntry(raw: string): NoProxyEntry | undefined {
  let s = raw.trim().toLowerCase();
  if (s === '') return undefined;
  if (s === '*') return { host: '' };
  let port: string | undefined;
  if (s.startsWith('[')) {
    // [v6], [v6]:port, [v6]/bits
    const end = s.indexOf(']');
    if (end < 0) return undefined;
    const rest = s.slice(end + 1);
    s = s.slice(1, end) + (rest.startsWith('/') ? rest : '');
    const m = /^:(\d+)$/.exec(rest);
    if (m) port = m[1];
    else if (rest !== '' && !rest.startsWith('/')) return undefined;
  } else if (s.split(':').length === 2) {
    // host:port (a bare IPv6 address has several colons and no port)
    const [host, p] = s.split(':') as [string, string];
    if (!/^\d+$/.test(p)) return undefined;
    s = host;
    port = p;
  }
  let bits: number | undefined;
  const slash = s.indexOf('/');
  if (slash >= 0) {
    const b = s.slice(slash + 1);
    if (!/^\d+$/.test(b)) return undefined;
    bits = Number(b);
    s = s.slice(0, slash);
  }
  // A leading `.` or `*.` changes nothing: a name always covers itself and every name under it (curl
  // ignores a leading dot, so `.example.com` matches example.com too).
  s = s.replace(/^\*?\./, '').replace(/\.$/, '');
  if (s === '') return undefined;
  return { host: s, port: port !== undefined ? String(Number(port)) : undefined, bits };
}

function ipMatches(host: string, family: 4 | 6, entry: NoProxyEntry): boolean {
  const entryFamily = isIP(entry.host);
  if (entryFamily !== family) return false;
  const type = family === 6 ? 'ipv6' : 'ipv4';
  const list = new BlockList();
  try {
    if (entry.bits === undefined) list.addAddress(entry.host, type);
    else list.addSubnet(entry.host, entry.bits, type);
    return list.check(host, type);
  } catch {
    // A prefix length out of range: the entry cannot match anything.
    return false;
  }
}

function splitNoProxy(noProxy: string | readonly string[] | undefined): string[] {
  if (noProxy === undefined) return [];
  const parts = typeof noProxy === 'string' ? [noProxy] : noProxy;
  return parts.flatMap((p) => (typeof p === 'string' ? p.split(/[\s,]+/) : []));
}

/**
 * Whether NO_PROXY exempts `target`. Entries are separated by commas and/or white space, compared without
 * regard to case: `*` (everything), `example.com` (that host and its subdomains), `.example.com` or
 * `*.example.com` (the same), an IP address (`127.0.0.1`, `::1`, `[::1]`), a CIDR range (`10.0.0.0/8`,
 * `fe80::/10`), each with an optional `:port` (`[::1]:8080`, `example.com:443`). Names are compared as
 * text (no DNS): `localhost` does not cover `127.0.0.1`, and loopback addresses are not exempt unless listed.
 */
export function bypassesProxy(target: URL | string, noProxy: string | readonly string[] | undefined): boolean {
  const entries = splitNoProxy(noProxy)
    .map(parseNoProxyEntry)
    .filter((e): e is NoProxyEntry => e !== undefined);
  if (entries.length === 0) return false;
  let url: URL;
  try {
    url = typeof target === 'string' ? new URL(target) : target;
  } catch {
    return false;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
  if (host === '') return false;
  const port = url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '');
  const family = isIP(host);
  for (const entry of entries) {
    if (entry.host === '') return true; // `*`
    if (entry.port !== undefined && entry.port !== port) continue;
    if (family === 4 || family === 6) {
      if (ipMatches(host, family, entry)) return true;
    } else if (entry.bits === undefined && (host === entry.host || host.endsWith(`.${entry.host}`))) {
      return true;
    }
  }
  return false;
}

// ------------------------------------------------------------------------------------------------ choice

/**
 * The proxy URL to use for `target` (a base URL or request URL), or undefined for a direct connection.
 * A proxy without a scheme gets `http://`; a proxy that is not a usable URL is returned as written, so that
 * proxyAgentFor reports it on every request instead of silently connecting directly. Never throws.
 */
export function proxyUrlFor(target: string, options: ProxyOptions): string | undefined {
  let url: URL;
  try {
    url = new URL(target.trim());
  } catch {
    // The endpoint code reports a malformed base URL; nothing to proxy.
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const env = options.env ?? {};
  const noProxy = [...splitNoProxy(envValue(env, 'no_proxy', 'NO_PROXY')), ...splitNoProxy(options.noProxy)];
  if (bypassesProxy(url, noProxy)) return undefined;
  const chosen =
    options.proxy?.trim() ||
    (url.protocol === 'https:'
      ? envValue(env, 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY')
      : envValue(env, 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY'));
  if (!chosen) return undefined;
  try {
    return parseProxyUrl(chosen).href;
  } catch {
    return chosen;
  }
}

// ------------------------------------------------------------------------------------------------ proxy URL

export interface ParsedProxy {
  /** scheme://[user[:password]@]host[:port], normalized; holds the credentials: never log it. */
  href: string;
  /** The proxy's URL without credentials, for undici. */
  url: URL;
  /** host[:port] for messages. */
  host: string;
  /** `Basic …` when the URL has a user name. */
  token?: string;
  /** Strings that must never appear in a message. */
  secrets: string[];
}

/** `raw` with any `user:password@` replaced by `***@`, bounded, for logs and messages. */
export function redactProxyUrl(raw: string): string {
  const s = raw.trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(s)?.[0] ?? '';
  const rest = s.slice(scheme.length);
  const at = rest.lastIndexOf('@');
  return snippet(at >= 0 ? `${scheme}***@${rest.slice(at + 1)}` : s, 120);
}

function invalidProxy(raw: string, why: string, secrets: string[] = []): CompletionError {
  return new CompletionError(
    'invalid-config',
    `The proxy "${redactProxyUrl(raw)}" ${why}. Expected http://host:port or http://user:password@host:port, ` +
      'in the http.proxy setting or the HTTPS_PROXY / HTTP_PROXY / ALL_PROXY environment variables.',
    { secrets },
  );
}

/**
 * Parses a proxy URL (`host:port` means `http://host:port`). Throws CompletionError 'invalid-config' for
 * anything undici could not use; the message never contains the credentials.
 */
export function parseProxyUrl(raw: string): ParsedProxy {
  const trimmed = raw.trim();
  if (trimmed === '') throw invalidProxy(raw, 'is empty');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalidProxy(raw, 'is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidProxy(raw, `uses ${url.protocol}//, which is not supported (only http:// and https:// proxies)`);
  }
  if (url.hostname === '') throw invalidProxy(raw, 'has no host name');
  let user: string;
  let password: string;
  try {
    user = decodeURIComponent(url.username);
    password = decodeURIComponent(url.password);
  } catch {
    throw invalidProxy(raw, 'has a user name or password that is not valid percent-encoding', [url.username, url.password]);
  }
  const secrets = [url.username, url.password, user, password].filter((s) => s !== '');
  const hasCredentials = url.username !== '' || url.password !== '';
  const token = hasCredentials ? `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` : undefined;
  if (token) secrets.push(token.slice('Basic '.length));
  const auth = hasCredentials ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  const href = `${url.protocol}//${auth}${url.host}`;
  const bare = new URL(`${url.protocol}//${url.host}`);
  return { href, url: bare, host: url.host, token, secrets };
}

// ------------------------------------------------------------------------------------------------ dispatcher

const agents = new DispatcherCache<string, ProxyAgent>();

/**
 * The dispatcher for `EndpointConfig.dispatcher`: a shared ProxyAgent per proxy URL and TLS strictness (agents
 * keep tunnels alive). `strictSSL` false turns off certificate checks of the target through the tunnel and of
 * an https:// proxy itself (VS Code's `http.proxyStrictSSL`). Failures of the proxy itself become
 * CompletionErrors that name the proxy. Never throws: for an unusable proxy URL it returns a dispatcher that
 * fails every request with CompletionError 'invalid-config', without any network I/O.
 */
export function proxyAgentFor(proxyUrl: string, strictSSL: boolean): Dispatcher {
  let parsed: ParsedProxy;
  try {
    parsed = parseProxyUrl(proxyUrl);
  } catch (err) {
    return new RejectingDispatcher(err as CompletionError);
  }
  const p = parsed;
  return agents.get(
    `${strictSSL}|${p.href}`,
    () =>
      new ProxyAgent({
        uri: p.url.href,
        ...(p.token ? { token: p.token } : {}),
        // CONNECT for http targets too (undici's default, stated): the proxy sees only host:port.
        proxyTunnel: true,
        requestTls: { rejectUnauthorized: strictSSL },
        proxyTls: { rejectUnauthorized: strictSSL },
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
 * The ProxyAgent's connection to the proxy, which opens the CONNECT tunnels. Turns the proxy's failures into
 * CompletionErrors naming the proxy: otherwise a refused proxy port reads "could not connect to <target>",
 * and a refused tunnel (e.g. 407) surfaces as undici's RequestAbortedError, i.e. as a cancellation.
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

function proxyConnectError(err: unknown, proxy: ParsedProxy): unknown {
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
      return new CompletionError('network', `The TLS certificate of ${where} was not accepted (${failure.code}).`, opts);
  }
  const reason = code ?? (err instanceof Error ? snippet(err.message, 120) : snippet(String(err), 120));
  return new CompletionError('network', `The connection to ${where} failed (${reason}).`, opts);
}

function tunnelRefused(data: Dispatcher.ConnectData, target: string, proxy: ParsedProxy): CompletionError {
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


/** Stands in for a proxy whose URL is unusable: every request fails at once with the configuration error. */
class RejectingDispatcher extends Dispatcher {
  constructor(private readonly error: CompletionError) {
    super();
  }

  override dispatch(): boolean {
    // A fresh error per request (own stack), same message; undici's request() turns the throw into a rejection.
    throw new CompletionError(this.error.kind, this.error.message);
  }

  override close(callback: () => void): void;
  override close(): Promise<void>;
  override close(callback?: () => void): Promise<void> | void {
    if (!callback) return Promise.resolve();
    queueMicrotask(callback);
  }

  override destroy(err: Error | null, callback: () => void): void;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null): Promise<void>;
  override destroy(): Promise<void>;
  override destroy(a?: Error | null | (() => void), b?: () => void): Promise<void> | void {
    const callback = typeof a === 'function' ? a : b;
    if (!callback) return Promise.resolve();
    queueMicrotask(callback);
  }
}
