// Everything configured as a credential (the API key and every `ghostComplete.headers` value) gets the same care:
// it must be sendable as a header, it never travels in clear text except straight to this machine, and its value
// is masked in every message. Custom headers are treated as credentials whatever their name, because gateways
// name them freely (X-Gateway-Credential, X-Portkey-Config, …) and a name-based guess misses some.

import { EnvHttpProxyAgent, ProxyAgent } from 'undici';
import { CompletionError } from '../core/completionError';
import { snippet } from './text';
import type { EndpointConfig } from '../core/ports';

/** The key as it is sent: trimmed, since a key pasted with a trailing newline would be an invalid header; empty means none. */
export function apiKeyOf(config: EndpointConfig): string | undefined {
  const key = config.apiKey?.trim();
  return key ? key : undefined;
}

/** The key (as typed and as sent) and every custom header value, plus the token of "Scheme token" values. */
export function secretsOf(config: EndpointConfig): string[] {
  const out: string[] = [];
  const key = apiKeyOf(config);
  if (key) out.push(key);
  if (config.apiKey && config.apiKey !== key) out.push(config.apiKey);
  for (const value of Object.values(config.headers ?? {})) {
    if (typeof value !== 'string') continue;
    out.push(value);
    // "Bearer abc" → also scrub "abc" alone.
    const parts = value.trim().split(/\s+/);
    if (parts.length > 1) out.push(parts[parts.length - 1]!);
  }
  return out;
}

// RFC 9110 field-value: tab, visible ASCII, space and obs-text (0x80–0xFF). undici and Node reject anything else
// when the request is written, which would otherwise surface as a retryable network failure.
const BAD_HEADER_CHAR = /[^\t\x20-\x7e\x80-\xff]/;

const WHY_BAD = 'line breaks, control characters and characters beyond Latin-1 cannot be sent in an HTTP header';

/**
 * Throws 'invalid-config' when a credential cannot be sent as a header. The message names the setting or the
 * header, never the value.
 */
export function assertSendable(config: EndpointConfig): void {
  const key = apiKeyOf(config);
  if (key && BAD_HEADER_CHAR.test(key)) {
    throw new CompletionError('invalid-config', `The API key contains a character that cannot be sent (${WHY_BAD}); set it again.`);
  }
  for (const [name, value] of Object.entries(config.headers ?? {})) {
    if (typeof value !== 'string' || BAD_HEADER_CHAR.test(value)) {
      throw new CompletionError(
        'invalid-config',
        `The custom header "${snippet(name.trim().toLowerCase(), 40)}" has a value that cannot be sent (${WHY_BAD}).`,
      );
    }
  }
  for (const [setting, value] of [['organization', config.organization], ['project', config.project]] as const) {
    if (value && BAD_HEADER_CHAR.test(value.trim())) {
      throw new CompletionError('invalid-config', `The OpenAI ${setting} setting has a character that cannot be sent (${WHY_BAD}).`);
    }
  }
}

/** Whether requests through `dispatcher` go via a proxy (which could read a plain-http request). */
export function goesThroughProxy(dispatcher: unknown): boolean {
  return dispatcher instanceof ProxyAgent || dispatcher instanceof EnvHttpProxyAgent;
}

/**
 * Throws 'insecure-url' when a credential would travel in clear text: plain http is allowed only to a loopback
 * host over a direct connection. Through a proxy, even a CONNECT tunnel to 127.0.0.1 passes the bytes through
 * the proxy, which can read the key.
 */
export function assertPrivateTransport(config: EndpointConfig, url: URL, loopback: boolean): void {
  if (url.protocol !== 'http:') return;
  const what = credentialNames(config);
  if (what === undefined) return;
  if (!loopback) {
    throw new CompletionError(
      'insecure-url',
      `Refusing to send ${what} over plain http to ${url.host}: use https, or http only to localhost / 127.0.0.1 / ::1.`,
    );
  }
  if (goesThroughProxy(config.dispatcher)) {
    throw new CompletionError(
      'insecure-url',
      `Refusing to send ${what} over plain http through a proxy to ${url.host}: the proxy could read it. ` +
        `Use https, or add ${url.hostname} to no_proxy (or http.noProxy) so the request goes direct.`,
    );
  }
}

/** "the API key", "the custom header "x-a"", …; undefined when nothing secret would be sent. */
function credentialNames(config: EndpointConfig): string | undefined {
  const names: string[] = [];
  if (apiKeyOf(config)) names.push('the API key');
  const headers = Object.entries(config.headers ?? {}).filter(([, v]) => typeof v === 'string' && v.trim() !== '');
  if (headers.length > 0) {
    const list = headers.map(([n]) => `"${snippet(n.trim().toLowerCase(), 40)}"`).join(', ');
    names.push(`the custom header${headers.length > 1 ? 's' : ''} ${list}`);
  }
  return names.length > 0 ? names.join(' and ') : undefined;
}
