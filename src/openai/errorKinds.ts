// Which CompletionError kind a server's answer is: from the HTTP status, or from the error's type and code
// when there is no usable status (inside a stream, or in a 200 body).

import type { CompletionErrorKind } from '../core/completionError';
import type { ServerErrorInfo } from './serverErrorBody';

export function kindForStatus(status: number): CompletionErrorKind {
  if (status === 400 || status === 422) return 'bad-request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 500 && status <= 599) return 'server';
  return 'http';
}

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
