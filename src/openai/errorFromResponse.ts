// A server's error answer as one CompletionError with a one-line, user-readable message: for an HTTP error
// status, and for an `error` reported inside a stream or in a 200 body.

import { MAX_WAIT_MS } from '../core/stream/requestGate';
import { CompletionError } from '../core/completionError';
import { kindForServerError, kindForStatus } from './errorKinds';
import { headerValue, type HeaderMap } from './headers';
import { parseRetryAfter } from './retryAfter';
import { otherJsonMessage, readServerError, type ServerErrorInfo } from './serverErrorBody';
import { formatMs, snippet } from './text';

export interface HttpErrorContext {
  /** Who answered, for messages: "OpenAI", "Azure OpenAI", "The server at 127.0.0.1:8080". */
  label: string;
  status: number;
  headers: HeaderMap;
  /** The response body as text (already bounded). */
  bodyText: string;
  contentType?: string;
  /** Whether a key was sent, to tell "rejected the key" from "needs a key". */
  sentKey: boolean;
  secrets: readonly string[];
}

/** Maps an HTTP error response to a CompletionError. */
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
    detail = snippet(ctx.bodyText, 200, ctx.secrets);
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
      head = `${label} rate limit or quota reached (${status})${retryAfterMs !== undefined ? `, retry in ${formatMs(Math.min(retryAfterMs, MAX_WAIT_MS))}` : ''}`;
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
