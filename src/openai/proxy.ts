// Chooses the proxy for a request the way VS Code and curl users expect: an explicit proxy
// setting first, then HTTPS_PROXY / HTTP_PROXY, except for hosts listed in NO_PROXY.

import { ProxyAgent } from 'undici';

export interface ProxyOptions {
  /** VS Code's `http.proxy`; empty means "use the environment". */
  proxy?: string;
  /** VS Code's `http.proxyStrictSSL`. */
  strictSSL?: boolean;
  env?: Record<string, string | undefined>;
}

function envValue(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = env[name] ?? env[name.toLowerCase()];
  return value && value.trim() !== '' ? value.trim() : undefined;
}

/** Whether NO_PROXY (comma/space separated hosts, `.suffix`, `*`, optional `:port`) exempts the URL. */
export function bypassesProxy(target: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const [entryHost, entryPort] = entry.replace(/^\[|\]$/g, '').split(/:(?=\d+$)/);
    if (entryPort && entryPort !== port) continue;
    const bare = entryHost.replace(/^\*?\./, '');
    if (host === bare || host.endsWith(`.${bare}`)) return true;
  }
  return false;
}

/** The proxy URL to use for `target`, or undefined for a direct connection. */
export function proxyUrlFor(target: string, options: ProxyOptions): string | undefined {
  const url = new URL(target);
  const env = options.env ?? {};
  if (bypassesProxy(url, envValue(env, 'NO_PROXY'))) return undefined;
  if (options.proxy && options.proxy.trim() !== '') return options.proxy.trim();
  return url.protocol === 'https:'
    ? envValue(env, 'HTTPS_PROXY') ?? envValue(env, 'HTTP_PROXY')
    : envValue(env, 'HTTP_PROXY');
}

const agents = new Map<string, ProxyAgent>();

/** A shared ProxyAgent per proxy URL and TLS strictness (agents keep connections alive). */
export function proxyAgentFor(proxyUrl: string, strictSSL: boolean): ProxyAgent {
  const key = `${strictSSL}|${proxyUrl}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new ProxyAgent({ uri: proxyUrl, requestTls: { rejectUnauthorized: strictSSL } });
    agents.set(key, agent);
  }
  return agent;
}
