// Checks a key and base URL with GET /models: cheap, no tokens spent, and it tells "wrong key" from "wrong URL".

import { decodedBody } from './contentEncoding';
import { secretsOf } from './credentials';
import { modelsEndpoint } from './endpoint';
import { CompletionError, userMessage } from '../core/completionError';
import { errorFromServerPayload } from './errorFromResponse';
import { headerValue } from './headers';
import { isRecord } from './json';
import { readServerError } from './serverErrorBody';
import { Exchange } from './transport';
import type { EndpointConfig } from '../core/ports';

export type CheckKeyResult =
  | { ok: true; models: number; /** Model ids (or Azure model names) as listed, for pickers. */ ids: string[] }
  | { ok: false; error: CompletionError };

/** Model lists of aggregators run to a few hundred KB; anything past this is not a model list. */
const MODELS_BODY_LIMIT = 8 * 1024 * 1024;

/** Never throws: every failure, including a bad config or an abort, comes back as `{ok: false, error}`. */
export async function checkKey(config: EndpointConfig, signal?: AbortSignal): Promise<CheckKeyResult> {
  let ex: Exchange | undefined;
  let res: Awaited<ReturnType<Exchange['open']>> | undefined;
  try {
    const target = modelsEndpoint(config);
    ex = new Exchange(config, target, signal);
    res = await ex.open('GET');
    const it = decodedBody(res, target.label);
    const { text } = await ex.readText(it, MODELS_BODY_LIMIT);
    if (res.statusCode < 200 || res.statusCode > 299) {
      return { ok: false, error: ex.statusError(res, text) };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const serverError = readServerError(parsed);
    if (serverError) return { ok: false, error: errorFromServerPayload(serverError, target.label, target.secrets) };
    // Loose on purpose: compatible servers differ in everything but `data` being a list.
    if (!isRecord(parsed) || !Array.isArray(parsed.data)) {
      const ct = headerValue(res.headers, 'content-type') ?? 'no content type';
      return {
        ok: false,
        error: new CompletionError('protocol', `${target.label} did not answer with a model list (got ${ct}); check the base URL.`, {
          status: res.statusCode,
          secrets: target.secrets,
        }),
      };
    }
    const ids = parsed.data.map((m) => (isRecord(m) && typeof m.id === 'string' ? m.id : undefined)).filter((x): x is string => !!x);
    return { ok: true, models: parsed.data.length, ids };
  } catch (err) {
    const error = err instanceof CompletionError ? err : new CompletionError('network', userMessage(err, secretsOf(config)), { cause: err });
    return { ok: false, error };
  } finally {
    ex?.close(res?.body);
  }
}
