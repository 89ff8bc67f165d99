// The core error type and redaction, checked here with the secrets this adapter handles (API keys that a
// server echoes back in its error text).

import * as assert from 'node:assert/strict';
import { CompletionError, userMessage } from '../../../src/core/completionError';
import { redact } from '../../../src/core/redact';

const KEY = 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';

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
