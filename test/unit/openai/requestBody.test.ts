import * as assert from 'node:assert/strict';
import { apiStopSequences, buildRequestBody } from '../../../src/openai/requestBody';
import type { CompletionRequest } from '../../../src/core/ports';
import { schema, validate } from './schemas';

const base: CompletionRequest = { model: 'gpt-3.5-turbo-instruct', prompt: 'def add(a, b):\n', maxTokens: 64 };

describe('buildRequestBody', () => {
  it('sends model, prompt, max_tokens and asks for a stream with usage', () => {
    assert.deepEqual(buildRequestBody(base), {
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'def add(a, b):\n',
      max_tokens: 64,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('uses only parameters the API documents, so the live API never answers 400 "unknown parameter"', () => {
    const body = buildRequestBody({ ...base, suffix: '\n\nprint(1)', temperature: 0.2, topP: 0.9, stop: ['\n\n'], n: 3 });
    const documented = Object.keys(schema('CreateCompletionRequest').properties);
    for (const key of Object.keys(body)) assert.ok(documented.includes(key), `undocumented field ${key}`);
    assert.deepEqual(validate('CreateCompletionRequest', body), []);
    assert.equal(body.suffix, '\n\nprint(1)');
    assert.equal(body.temperature, 0.2);
    assert.equal(body.top_p, 0.9);
    assert.equal(body.n, 3);
  });

  it('sends max_tokens even when small, and leaves temperature/top_p/n/stop/suffix out when unset', () => {
    const body = buildRequestBody({ ...base, maxTokens: 1, n: 1, stop: [] });
    assert.equal(body.max_tokens, 1);
    for (const k of ['temperature', 'top_p', 'n', 'stop', 'suffix']) assert.ok(!(k in body), `${k} should be absent`);
  });

  it('keeps temperature 0 (a falsy but real value)', () => {
    assert.equal(buildRequestBody({ ...base, temperature: 0 }).temperature, 0);
  });

  it('sends at most 4 stop sequences, deduplicated, without empty strings, in the caller order', () => {
    const body = buildRequestBody({ ...base, stop: ['\n\n', '', '\ndef ', '\n\n', '\nclass ', '\nif ', '\n#', '\nprint'] });
    assert.deepEqual(body.stop, ['\n\n', '\ndef ', '\nclass ', '\nif ']);
    assert.deepEqual(validate('CreateCompletionRequest', body), []);
    assert.deepEqual(apiStopSequences(['', '']), []);
    assert.ok(!('stop' in buildRequestBody({ ...base, stop: ['', ''] })));
  });

  it('drops the suffix when includeSuffix is false, and an empty suffix always', () => {
    assert.ok(!('suffix' in buildRequestBody({ ...base, suffix: 'x' }, { includeSuffix: false })));
    assert.ok(!('suffix' in buildRequestBody({ ...base, suffix: '' })));
    assert.equal(buildRequestBody({ ...base, suffix: 'x' }, { includeSuffix: true }).suffix, 'x');
  });

  it('leaves model out for Azure, where the deployment in the URL picks the model', () => {
    const body = buildRequestBody(base, { provider: 'azure' });
    assert.ok(!('model' in body));
    assert.equal(buildRequestBody(base, { provider: 'openai-compatible' }).model, 'gpt-3.5-turbo-instruct');
  });

  it('can leave stream_options out for servers that reject it', () => {
    const body = buildRequestBody(base, { includeUsage: false });
    assert.ok(!('stream_options' in body));
    assert.equal(body.stream, true);
  });
});
