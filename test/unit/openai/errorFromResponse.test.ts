import * as assert from 'node:assert/strict';
import type { CompletionError } from '../../../src/core/completionError';
import { errorFromResponse, errorFromServerPayload } from '../../../src/openai/errorFromResponse';

const KEY = 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';

function fromStatus(status: number, body: unknown, headers: Record<string, string> = {}, sentKey = true): CompletionError {
  return errorFromResponse({
    label: 'OpenAI',
    status,
    headers,
    bodyText: typeof body === 'string' ? body : JSON.stringify(body),
    contentType: typeof body === 'string' ? 'text/plain' : 'application/json',
    sentKey,
    secrets: [KEY],
  });
}

describe('errorFromResponse', () => {
  it('401: says the key was rejected, with the server text, key redacted even when echoed', () => {
    const e = fromStatus(401, { error: { message: `Incorrect API key provided: ${KEY}. You can find your API key at https://platform.openai.com/account/api-keys.`, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
    assert.equal(e.kind, 'unauthorized');
    assert.equal(e.status, 401);
    assert.equal(e.code, 'invalid_api_key');
    assert.match(e.message, /^OpenAI rejected the API key \(401\): Incorrect API key provided: sk-pr\*\*\*/);
    assert.ok(!e.message.includes(KEY) && !(e.serverMessage ?? '').includes(KEY));
  });

  it('401 without a key: says one is required', () => {
    assert.match(fromStatus(401, { error: { message: 'no key' } }, {}, false).message, /requires an API key/);
  });

  it('400 keeps the param the server blamed', () => {
    const e = fromStatus(400, { error: { message: 'suffix is not supported for this model', type: 'invalid_request_error', param: 'suffix', code: null } });
    assert.equal(e.kind, 'bad-request');
    assert.equal(e.param, 'suffix');
    assert.match(e.message, /parameter 'suffix'/);
    assert.equal(e.serverMessage, 'suffix is not supported for this model');
  });

  it('maps 403, 404, 429, 5xx and others to kinds', () => {
    assert.equal(fromStatus(403, { error: { message: 'region' } }).kind, 'forbidden');
    const nf = fromStatus(404, { error: { message: 'The model `nope` does not exist', code: 'model_not_found' } });
    assert.equal(nf.kind, 'not-found');
    assert.match(nf.message, /model `nope` does not exist/);
    assert.equal(fromStatus(429, { error: { message: 'slow down' } }).kind, 'rate-limited');
    assert.equal(fromStatus(500, { error: { message: 'oops' } }).kind, 'server');
    assert.equal(fromStatus(503, 'upstream overloaded').kind, 'server');
    assert.match(fromStatus(503, 'upstream overloaded').message, /upstream overloaded/);
    assert.equal(fromStatus(418, '').kind, 'http');
  });

  it('reads {"detail": …} bodies of FastAPI-based servers', () => {
    const e = fromStatus(404, { detail: 'Not Found' });
    assert.equal(e.kind, 'not-found');
    assert.match(e.message, /: Not Found$/);
  });

  it('does not paste an HTML error page into the message', () => {
    const e = errorFromResponse({ label: 'OpenAI', status: 502, headers: {}, bodyText: '<html><body>Bad gateway</body></html>', contentType: 'text/html', sentKey: true, secrets: [] });
    assert.equal(e.message, 'OpenAI had a server error (502).');
  });

  it('429 carries the retry delay from the headers', () => {
    assert.equal(fromStatus(429, { error: { message: 'x' } }, { 'retry-after': '7' }).retryAfterMs, 7000);
    assert.equal(fromStatus(429, { error: { message: 'x' } }, { 'retry-after-ms': '1500', 'retry-after': '7' }).retryAfterMs, 1500);
    assert.match(fromStatus(429, { error: { message: 'x' } }, { 'retry-after': '7' }).message, /retry in 7 s/);
  });

  it('429 with an absurd Retry-After says the wait the extension will really make (at most a minute)', () => {
    const e = fromStatus(429, { error: { message: 'x' } }, { 'retry-after': '999999999' });
    assert.doesNotMatch(e.message, /999999999/);
    assert.match(e.message, /retry in (60 s|1 min)/);
  });
});

describe('errorFromServerPayload', () => {
  it('takes the kind from the error type and keeps the server text, key redacted', () => {
    const e = errorFromServerPayload({ message: `bad key ${KEY}`, type: 'invalid_request_error', code: 'invalid_api_key' }, 'OpenAI', [KEY]);
    assert.equal(e.kind, 'unauthorized');
    assert.equal(e.code, 'invalid_api_key');
    assert.match(e.message, /^OpenAI reported an error: bad key sk-pr\*\*\*$/);
    assert.equal(e.status, undefined);
  });

  it('falls back to the type or code when there is no message', () => {
    assert.equal(errorFromServerPayload({ type: 'server_error' }, 'OpenAI', []).message, 'OpenAI reported an error: server_error');
    assert.equal(errorFromServerPayload({}, 'OpenAI', []).message, 'OpenAI reported an error: unknown error');
  });
});
