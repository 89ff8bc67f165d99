// NO_PROXY matching as curl does it, plus CIDR ranges and IPv6 addresses in any spelling, which undici's
// EnvHttpProxyAgent does not match (it compares entries as text).

import { BlockList, isIP } from 'node:net';

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

export function splitNoProxy(noProxy: string | readonly string[] | undefined): string[] {
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
