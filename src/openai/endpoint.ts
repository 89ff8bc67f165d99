// Where a request goes and with which headers, per provider; refuses to send a credential where it could be read
// in transit (credentials.ts).

import { BlockList, isIP } from 'node:net';
import { CompletionError } from '../core/completionError';
import { apiKeyOf, assertPrivateTransport, assertSendable, secretsOf } from './credentials';
import { snippet } from './text';
import type { EndpointConfig } from '../core/ports';

export { secretsOf } from './credentials';

/** Used when an Azure config names no api-version: the GA version that has /completions and stream_options. */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

export interface EndpointTarget {
  url: URL;
  /** Lower-case header names. Never log these: they hold the key. */
  headers: Record<string, string>;
  /** Who answers, for messages: "OpenAI", "Azure OpenAI" or "The server at host:port". */
  label: string;
  /** host[:port] for network messages. */
  host: string;
  /** Whether an API key is in the headers. */
  sentKey: boolean;
  /** Strings that must never appear in a message: the key and every custom header value. */
  secrets: string[];
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/**
 * Whether `host` (a URL hostname, brackets allowed) is this machine's loopback: localhost, 127.0.0.0/8, ::1
 * (IPv4-mapped forms included). Other names are not trusted, since DNS could point them anywhere.
 */
export function isLoopbackHost(host: string): boolean {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h === 'localhost' || h === 'localhost.') return true;
  const family = isIP(h);
  if (family === 0) return false;
  return loopback.check(h, family === 6 ? 'ipv6' : 'ipv4');
}

/** URL and headers for POST /completions. Throws CompletionError ('insecure-url', 'invalid-config') before any I/O. */
export function completionsEndpoint(config: EndpointConfig): EndpointTarget {
  const base = parseBase(config);
  const url = new URL(base.href);
  if (config.provider === 'azure') {
    const deployment = config.azureDeployment?.trim();
    if (!deployment) {
      throw new CompletionError('invalid-config', 'Azure OpenAI needs a deployment name: requests go to /openai/deployments/{deployment}/completions.');
    }
    url.pathname = `${trimSlashes(azureRoot(url.pathname))}/openai/deployments/${encodeURIComponent(deployment)}/completions`;
    url.searchParams.set('api-version', azureApiVersion(config));
  } else {
    url.pathname = `${trimSlashes(url.pathname)}/completions`;
  }
  return target(config, url, 'text/event-stream', true);
}

/** URL and headers for GET /models (Azure: /openai/models), used to check a key. */
export function modelsEndpoint(config: EndpointConfig): EndpointTarget {
  const base = parseBase(config);
  const url = new URL(base.href);
  if (config.provider === 'azure') {
    url.pathname = `${trimSlashes(azureRoot(url.pathname))}/openai/models`;
    url.searchParams.set('api-version', azureApiVersion(config));
  } else {
    url.pathname = `${trimSlashes(url.pathname)}/models`;
  }
  return target(config, url, 'application/json', false);
}

export function completionsUrl(config: EndpointConfig): string {
  return completionsEndpoint(config).url.href;
}

export function modelsUrl(config: EndpointConfig): string {
  return modelsEndpoint(config).url.href;
}

function parseBase(config: EndpointConfig): URL {
  let url: URL;
  try {
    url = new URL(config.baseUrl.trim());
  } catch {
    throw new CompletionError('invalid-config', `The base URL "${snippet(config.baseUrl, 100, secretsOf(config))}" is not a valid URL.`, {
      secrets: secretsOf(config),
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CompletionError('invalid-config', `The base URL must start with https:// or http://, not ${url.protocol}//.`);
  }
  if (url.username || url.password) {
    // undici would reject it anyway; say why, without echoing the credentials.
    throw new CompletionError('invalid-config', 'The base URL must not contain a user name or password; use the API key setting.');
  }
  url.hash = '';
  return url;
}

function target(config: EndpointConfig, url: URL, accept: string, hasBody: boolean): EndpointTarget {
  const key = apiKeyOf(config);
  assertSendable(config);
  const headers: Record<string, string> = {};
  // Custom headers first, so the protocol headers and the key below win over a same-named custom one.
  for (const [name, value] of Object.entries(config.headers ?? {})) {
    const lower = name.trim().toLowerCase();
    if (!HEADER_NAME.test(lower)) {
      throw new CompletionError('invalid-config', `The custom header name "${snippet(name, 40)}" is not a valid HTTP header name.`);
    }
    // Framing headers belong to the HTTP client; undici throws on several of them.
    if (RESERVED_HEADERS.has(lower)) continue;
    headers[lower] = value;
  }
  assertPrivateTransport(config, url, isLoopbackHost(url.hostname));
  if (hasBody) headers['content-type'] = 'application/json';
  headers['accept'] = accept;
  // Without Accept-Encoding any coding is allowed (RFC 9110), and undici.request does not decompress.
  headers['accept-encoding'] = 'identity';
  if (key) {
    if (config.provider === 'azure') headers['api-key'] = key;
    else headers['authorization'] = `Bearer ${key}`;
  }
  if (config.provider !== 'azure') {
    if (config.organization?.trim()) headers['openai-organization'] = config.organization.trim();
    if (config.project?.trim()) headers['openai-project'] = config.project.trim();
  }
  return {
    url,
    headers,
    label: labelFor(config, url),
    host: url.host,
    sentKey: key !== undefined,
    secrets: secretsOf(config),
  };
}

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;
const RESERVED_HEADERS = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'expect', 'te']);

function labelFor(config: EndpointConfig, url: URL): string {
  if (config.provider === 'azure') return 'Azure OpenAI';
  if (config.provider === 'openai' && url.hostname === 'api.openai.com') return 'OpenAI';
  return `The server at ${url.host}`;
}

function azureApiVersion(config: EndpointConfig): string {
  return config.azureApiVersion?.trim() || DEFAULT_AZURE_API_VERSION;
}

/** Azure endpoints are often pasted with "/openai" already on them. */
function azureRoot(pathname: string): string {
  return trimSlashes(pathname).replace(/\/openai$/i, '');
}

function trimSlashes(pathname: string): string {
  return pathname.replace(/\/+$/, '');
}
