// Chooses the proxy for a request the way VS Code and curl users expect.
//
//   - VS Code's `http.proxy` setting first, else the environment like curl: `https_proxy`, `HTTPS_PROXY`
//     for https targets, `http_proxy`, `HTTP_PROXY` for http targets, then `all_proxy`, `ALL_PROXY`
//     (lower case first, empty values count as unset). Unlike curl, upper-case `HTTP_PROXY` is honoured:
//     curl ignores it because of CGI's `Proxy:` header injection ("httpoxy"), which cannot happen in an editor.
//   - `no_proxy` / `NO_PROXY` (plus an optional list from settings) exempts hosts, also from `http.proxy`.
//     `localhost` and loopback addresses are proxied unless listed, as with curl.
//
// Not undici's EnvHttpProxyAgent (7.x), which differs where tests in proxyChoice.test.ts and noProxy.test.ts
// pin curl's behaviour: it ignores ALL_PROXY, sends https targets to HTTP_PROXY when HTTPS_PROXY is unset,
// treats an empty https_proxy as set (so HTTPS_PROXY is skipped), matches NO_PROXY as text only (no CIDR
// ranges; `::1` or another spelling of an IPv6 address does not match), reads only process.env (the
// http.proxy setting must win and NO_PROXY must still apply to it), and throws at construction on a bad
// proxy URL instead of failing each request with a readable error.

import { bypassesProxy, splitNoProxy } from './noProxy';
import { parseProxyUrl } from './proxyUrl';

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
