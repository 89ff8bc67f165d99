import * as assert from 'node:assert/strict';
import { checkKey } from '../../../src/openai/models';
import type { EndpointConfig } from '../../../src/core/ports';
import { deadPort, sendError, sendJson, type FakeOpenAI } from '../../support/fakeOpenAI';
import { useFakeOpenAI } from '../../support/useFakeOpenAI';

const KEY = 'sk-test-ModelsKey0123456789abcdefghij';

describe('checkKey', () => {
  let server: FakeOpenAI;
  useFakeOpenAI((started) => (server = started));

  const config = (over: Partial<EndpointConfig> = {}): EndpointConfig => ({
    provider: 'openai',
    baseUrl: server.baseUrl,
    apiKey: KEY,
    timeouts: { connectMs: 1000, firstByteMs: 1000, idleMs: 1000 },
    ...over,
  });

  it('ok with the number of models for a {object: "list", data: [...]} answer', async () => {
    const result = await checkKey(config());
    assert.deepEqual(result, { ok: true, models: 2, ids: ['gpt-3.5-turbo-instruct', 'davinci-002'] });
    const r = server.requests[0]!;
    assert.equal(r.method, 'GET');
    assert.equal(r.path, '/v1/models');
    assert.equal(r.headers['authorization'], `Bearer ${KEY}`);
  });

  it('is loose about the list: a compatible server\'s bare {data: []} is ok with 0 models', async () => {
    server.setHandler((ctx) => sendJson(ctx, 200, { data: [] }));
    assert.deepEqual(await checkKey(config()), { ok: true, models: 0, ids: [] });
  });

  it('a JSON answer without a data list → ok: false, protocol', async () => {
    server.setHandler((ctx) => sendJson(ctx, 200, { models: ['a'] }));
    const result = await checkKey(config());
    assert.ok(!result.ok && result.error.kind === 'protocol');
  });

  it('401 → ok: false with the server message and the key redacted', async () => {
    server.setHandler((ctx) => sendError(ctx, 401, { message: `Incorrect API key provided: ${KEY}.`, code: 'invalid_api_key' }));
    const result = await checkKey(config());
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.kind, 'unauthorized');
    assert.match(result.error.message, /rejected the API key \(401\): Incorrect API key provided/);
    assert.ok(!result.error.message.includes(KEY));
  });

  it('a page that is not a model list → ok: false, protocol (wrong base URL)', async () => {
    server.setHandler((ctx) => {
      ctx.res.writeHead(200, { 'content-type': 'text/html' });
      ctx.res.end('<html>hello</html>');
    });
    const result = await checkKey(config());
    assert.ok(!result.ok && result.error.kind === 'protocol');
  });

  it('azure: GET /openai/models?api-version=… with an api-key header', async () => {
    await checkKey(config({ provider: 'azure', baseUrl: server.origin, azureDeployment: 'd', azureApiVersion: '2024-10-21' }));
    const r = server.requests[0]!;
    assert.equal(r.path, '/openai/models');
    assert.deepEqual(r.query, { 'api-version': '2024-10-21' });
    assert.equal(r.headers['api-key'], KEY);
  });

  it('never throws: refused connection and insecure URL come back as ok: false', async () => {
    const port = await deadPort();
    const refused = await checkKey(config({ baseUrl: `http://127.0.0.1:${port}/v1` }));
    assert.ok(!refused.ok && refused.error.kind === 'network');
    const insecure = await checkKey(config({ baseUrl: 'http://models.invalid/v1' }));
    assert.ok(!insecure.ok && insecure.error.kind === 'insecure-url');
  });
});
