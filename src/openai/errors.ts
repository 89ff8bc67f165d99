// Reading a server's error answer: retry-after, the error body, status → kind, short snippets.

import { CompletionError, type CompletionErrorKind } from '../core/completionError';

/**
 * Milliseconds to wait before retrying, from `retry-after-ms` (OpenAI, float ms) or else `retry-after`
 * (seconds, or an HTTP date). Undefined when absent or unparseable.
 */
export function parseRetryAfter(
  headers: Record<string, string | string[] | undefined>,
  now: number = Date.now(),
): number | undefined {
  const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v)?.trim();
  const ms = first(headers['retry-after-ms']);
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.ceil(Number(ms));
  const ra = first(headers['retry-after']);
  if (!ra) return undefined;
  if (/^\d+(\.\d+)?$/.test(ra)) return Math.ceil(Number(ra) * 1000);
  const date = Date.parse(ra);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** The `error` object of an OpenAI-style error body, as far as it can be read. */
export interface ServerErrorInfo {
  message?: string;
  type?: string;
  param?: string;
  code?: string;
  /** A numeric status some compatible servers put in `error.code` (llama.cpp) or `code` (vLLM). */
  status?: number;
}

/**
 * Reads `{error: {message, type, param, code}}` (OpenAI, Azure, Ollama, new vLLM), a bare
 * `{message, type, code}` (llama.cpp stream errors), `{object: 'error', ...}` (old vLLM) or `{error: "text"}`.
 * Returns undefined when the value does not look like an error.
 */
export function readServerError(value: unknown, bareAllowed = false): ServerErrorInfo | undefined {
  if (!isRecord(value)) return undefined;
  let e: unknown;
  if ('error' in value && value.error !== null && value.error !== undefined) e = value.error;
  else if (value.object === 'error' || bareAllowed) e = value;
  else return undefined;
  if (typeof e === 'string') return { message: e };
  if (!isRecord(e)) return { message: String(e) };
  const info: ServerErrorInfo = {};
  if (typeof e.message === 'string') info.message = e.message;
  if (typeof e.type === 'string') info.type = e.type;
  if (typeof e.param === 'string') info.param = e.param;
  if (typeof e.code === 'string') info.code = e.code;
  if (typeof e.code === 'number') info.status = e.code;
  return info;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function kindForStatus(status: number): CompletionErrorKind {
  if (status === 400 || status === 422) return 'bad-request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 500 && status <= 599) return 'server';
  return 'http';
}

/** Kind for an error reported without a usable HTTP status (inside a stream, or in a 200 body). */
export function kindForServerError(info: ServerErrorInfo): CompletionErrorKind {
  if (info.status !== undefined && info.status >= 400) return kindForStatus(info.status);
  const t = `${info.type ?? ''} ${info.code ?? ''}`;
  if (/invalid_api_key|authentication/i.test(t)) return 'unauthorized';
  if (/permission|forbidden/i.test(t)) return 'forbidden';
  if (/rate_limit|insufficient_quota|quota/i.test(t)) return 'rate-limited';
  if (/not_found/i.test(t)) return 'not-found';
  if (/invalid_request|bad_?request|context_length/i.test(t)) return 'bad-request';
  return 'server';
}

export interface HttpErrorContext {
  /** Who answered, for messages: "OpenAI", "Azure OpenAI", "The server at 127.0.0.1:8080". */
  label: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The response body as text (already bounded). */
  bodyText: string;
  contentType?: string;
  /** Whether a key was sent, to tell "rejected the key" from "needs a key". */
  sentKey: boolean;
  secrets: readonly string[];
}

/** Maps an HTTP error response to a CompletionError with a one-line, user-readable message. */
export function errorFromResponse(ctx: HttpErrorContext): CompletionError {
  const { label, status } = ctx;
  let info: ServerErrorInfo | undefined;
  try {
    info = readServerError(JSON.parse(ctx.bodyText));
  } catch {
    info = undefined;
  }
  let detail = info?.message ?? (info ? undefined : otherJsonMessage(ctx.bodyText));
  // A plain-text body is usually a readable sentence from a proxy or a small server; HTML never is.
  if (detail === undefined && /^text\/plain/i.test(ctx.contentType ?? '') && ctx.bodyText.trim()) {
    detail = snippet(ctx.bodyText, 200);
  }
  const kind = kindForStatus(status);
  const retryAfterMs = kind === 'rate-limited' || kind === 'server' ? parseRetryAfter(ctx.headers) : undefined;
  const suffix = detail ? `: ${detail}` : '.';
  let head: string;
  switch (kind) {
    case 'bad-request':
      head = `${label} rejected the request (${status}${info?.param ? `, parameter '${info.param}'` : ''})`;
      break;
    case 'unauthorized':
      head = ctx.sentKey ? `${label} rejected the API key (${status})` : `${label} requires an API key (${status})`;
      break;
    case 'forbidden':
      head = `${label} refused access (${status})`;
      break;
    case 'not-found':
      head = `${label} answered 404 Not Found; check the model and the base URL`;
      break;
    case 'rate-limited':
      head = `${label} rate limit or quota reached (${status})${retryAfterMs !== undefined ? `, retry in ${formatMs(retryAfterMs)}` : ''}`;
      break;
    case 'server':
      head = `${label} had a server error (${status})`;
      break;
    default: {
      const location = headerValue(ctx.headers, 'location');
      head =
        status >= 300 && status < 400 && location
          ? `${label} redirected to ${location} (${status}); use that address as the base URL`
          : `${label} answered HTTP ${status}`;
    }
  }
  return new CompletionError(kind, head + suffix, {
    status,
    retryAfterMs,
    serverMessage: info?.message,
    param: info?.param,
    code: info?.code,
    secrets: ctx.secrets,
  });
}

/** Error for an `error` reported inside an event stream or in a 200 JSON body. */
export function errorFromServerPayload(
  info: ServerErrorInfo,
  label: string,
  secrets: readonly string[],
): CompletionError {
  const kind = kindForServerError(info);
  const msg = info.message ?? info.type ?? info.code ?? 'unknown error';
  return new CompletionError(kind, `${label} reported an error: ${msg}`, {
    status: info.status,
    serverMessage: info.message,
    param: info.param,
    code: info.code,
    secrets,
  });
}

/** `{"detail": "..."}` (FastAPI servers, e.g. older vLLM) or a top-level `{"message": "..."}`. */
function otherJsonMessage(text: string): string | undefined {
  try {
    const v: unknown = JSON.parse(text);
    if (!isRecord(v)) return undefined;
    if (typeof v.detail === 'string') return v.detail;
    if (typeof v.message === 'string') return v.message;
  } catch {
    // not JSON
  }
  return undefined;
}

export function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** A single-line, bounded excerpt of untrusted text for messages. */
export function snippet(text: string, max = 80): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max) + '…' : flat;
}
