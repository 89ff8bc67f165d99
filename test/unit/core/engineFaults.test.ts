// Requests that cannot succeed are not sent again on every pause (real client, loopback server).

import * as assert from 'node:assert/strict';
import { CompletionEngine } from '../../../src/core/engine';
import { endpointFor } from '../../../src/core/endpointConfig';
import { DEFAULT_SETTINGS, type CompletionSettings } from '../../../src/core/settings';
import { streamCompletion } from '../../../src/openai/client';
import { sendError, startFakeOpenAI, streamChunks, type FakeHandler, type FakeOpenAI } from '../../support/fakeOpenAI';
import { inputAtCursor, typeAt } from '../../support/cursorFixture';

describe('CompletionEngine under a refusing server', () => {
  let server: FakeOpenAI;
  let engine: CompletionEngine;
  let settings: CompletionSettings;
  const doc = 'def add(a, b):\n    █\n';
  const live = () => new AbortController().signal;
  /** Several typing pauses in a row, each ending in an automatic request if the engine allows one. */
  const typeAndPause = async (words: string[], explicit = false) => {
    for (let i = 0; i < words.length; i++) {
      const input = inputAtCursor(typeAt(doc, words.slice(0, i + 1).join(' ')), settings, { uri: 'file:///w/a.py', apiKey: 'sk-test-fault' });
      await engine.complete({ ...input, explicit }, live());
    }
  };

  beforeEach(async () => {
    server = await startFakeOpenAI();
    settings = { ...DEFAULT_SETTINGS, provider: 'openai-compatible', baseUrl: server.baseUrl, debounceMs: 5 };
    engine = new CompletionEngine({ stream: streamCompletion, endpointFor });
  });

  afterEach(async () => {
    engine.dispose();
    await server.close();
  });

  const refusals: [string, FakeHandler][] = [
    ['a rejected key (401)', (ctx) => sendError(ctx, 401, { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' })],
    ['an exhausted quota (429 insufficient_quota)', (ctx) => sendError(ctx, 429, { message: 'You exceeded your current quota.', type: 'insufficient_quota', code: 'insufficient_quota' }, { 'retry-after': '1' })],
    ['a missing model (404)', (ctx) => sendError(ctx, 404, { message: 'The model does not exist.', type: 'invalid_request_error', code: 'model_not_found' })],
  ];
  for (const [what, refuse] of refusals) {
    it(`${what}: one request over many pauses; an explicit request still asks; a new key or settings open the gate`, async () => {
      server.setHandler(refuse);
      await typeAndPause(['return', 'a', '+', 'b', 'if', 'a']);
      assert.equal(server.requestCount, 1, 'automatic requests after the refusal');
      assert.equal(engine.runner.gate.state.kind, 'blocked');
      await typeAndPause(['x'], true);
      assert.equal(server.requestCount, 2, 'the explicit request was sent');
      server.setHandler((ctx) => streamChunks(ctx, { choices: [['return a + b']] }));
      engine.runner.gate.open();
      await typeAndPause(['y']);
      assert.equal(server.requestCount, 3);
      assert.equal(engine.runner.gate.state.kind, 'open');
    });
  }

  it('a Retry-After of years pauses automatic requests for at most a minute', async () => {
    let now = Date.now();
    engine.dispose();
    engine = new CompletionEngine({ stream: streamCompletion, endpointFor, now: () => now });
    server.setHandler((ctx) => sendError(ctx, 429, { message: 'Rate limit reached', type: 'requests' }, { 'retry-after': '999999999' }));
    await typeAndPause(['return', 'a']);
    assert.equal(server.requestCount, 1);
    now += 59_000;
    await typeAndPause(['z']);
    assert.equal(server.requestCount, 1, 'still waiting after 59 s');
    now += 2_000;
    server.setHandler((ctx) => streamChunks(ctx, { choices: [['return a + b']] }));
    await typeAndPause(['y']);
    assert.equal(server.requestCount, 2, 'asked again a minute later');
  });
});
