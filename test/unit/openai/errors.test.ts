import * as assert from 'node:assert/strict';
import { CompletionError, userMessage } from '../../../src/core/completionError';
import { redact } from '../../../src/core/redact';
import { errorFromResponse, parseRetryAfter } from '../../../src/openai/errors';

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

describe('redact', () => {
  it('removes every occurrence of a secret', () => {
    const out = redact(`key ${KEY} and again ${KEY}.`, [KEY]);
    assert.ok(!out.includes(KEY));
    assert.ok(!out.includes('AbCdEfGh'));
    assert.equal(out, 'key sk-pr*** and again sk-pr***.');
  });

  it('removes any sk-… token and bearer credential even when not a known secret', () => {
    const out = redact('Incorrect API key provided: sk-abc123def456ghi. Header was Bearer tok_9f8e7d6c5b', []);
    assert.doesNotMatch(out, /abc123def456ghi|tok_9f8e7d6c5b/);
    assert.match(out, /sk-ab\*\*\*/);
    // OpenAI's own partially starred echo goes too.
    assert.doesNotMatch(redact('provided: sk-proj-********************6789', []), /6789/);
  });

  it('removes non-sk secrets such as Azure keys, and leaves text without secrets alone', () => {
    const azure = '0123456789abcdef0123456789abcdef';
    assert.equal(redact(`bad key ${azure}`, [azure]), 'bad key ***');
    assert.equal(redact('nothing to hide', [azure, undefined as unknown as string]), 'nothing to hide');
  });
});

describe('CompletionError', () => {
  it('never carries the key, in message, serverMessage, or stack', () => {
    const e = new CompletionError('unauthorized', `rejected ${KEY}`, { serverMessage: `Incorrect API key provided: ${KEY}`, secrets: [KEY] });
    for (const text of [e.message, e.serverMessage ?? '', e.stack ?? '', String(e), userMessage(e)]) {
      assert.ok(!text.includes(KEY), text);
    }
  });

  it('is retryable for rate limits, server errors, network, timeouts and cut streams only', () => {
    const r = (k: ConstructorParameters<typeof CompletionError>[0]) => new CompletionError(k, 'x').retryable;
    assert.ok(r('rate-limited') && r('server') && r('network') && r('timeout') && r('incomplete'));
    assert.ok(!r('unauthorized') && !r('bad-request') && !r('aborted') && !r('insecure-url'));
  });
});

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
});

describe('parseRetryAfter', () => {
  it('reads retry-after-ms, retry-after seconds and HTTP dates', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter({ 'retry-after-ms': '250.5' }, now), 251);
    assert.equal(parseRetryAfter({ 'retry-after': '2' }, now), 2000);
    assert.equal(parseRetryAfter({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }, now), 30000);
    assert.equal(parseRetryAfter({ 'retry-after': 'Tue, 31 Dec 2024 00:00:00 GMT' }, now), 0);
    assert.equal(parseRetryAfter({ 'retry-after': 'soon' }, now), undefined);
    assert.equal(parseRetryAfter({}, now), undefined);
  });
});

describe('userMessage', () => {
  it('gives readable text for anything thrown, without keys', () => {
    assert.equal(userMessage(new CompletionError('network', 'Could not connect.')), 'Could not connect.');
    assert.match(userMessage(new Error(`boom ${KEY}`), [KEY]), /^Unexpected error: boom sk-pr\*\*\*$/);
    assert.match(userMessage('weird'), /weird/);
    const abort = new Error('x');
    abort.name = 'AbortError';
    assert.equal(userMessage(abort), 'The request was cancelled.');
  });
});
