// Proxy URLs: http:// or https://, a missing scheme meaning http:// (curl); `user:password@` becomes
// `Proxy-Authorization: Basic`. Credentials never appear in a message; see redactProxyUrl for logging.

import { CompletionError } from '../core/completionError';
import { snippet } from './text';

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
