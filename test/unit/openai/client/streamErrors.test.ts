// How a stream ends: normally, with an HTTP error, with an error inside the stream, or with the network failing.

import * as assert from 'node:assert/strict';
import { streamCompletion } from '../../../../src/openai/client';
import { CompletionError, type CompletionErrorKind } from '../../../../src/core/completionError';
import { completionChunk, deadPort, sendError, sendJson, sleep, sseData, startStream, streamChunks, writeChunk, writeRaw } from '../../../support/fakeOpenAI';
import { KEY, REQ, run, failure, useClientServer } from './harness';

describe('streamCompletion', () => {
  const { server, config } = useClientServer();

  describe('end of stream', () => {
    it('ends at [DONE] without waiting for the server to close the body', async () => {
      server().setHandler((ctx) => streamChunks(ctx, { choices: [['done']], end: false }));
      const t0 = Date.now();
      const r = await run(streamCompletion(REQ, config({ timeouts: { connectMs: 2000, firstByteMs: 2000, idleMs: 5000 } })));
      assert.equal(r.texts[0], 'done');
      assert.ok(Date.now() - t0 < 1000, 'returned at [DONE]');
    });

    it('ignores events after [DONE]', async () => {
      server().setHandler((ctx) =>
        writeRaw(ctx, [sseData(completionChunk([{ index: 0, text: 'a', finish_reason: 'stop' }])) + 'data: [DONE]\n\n' + sseData(completionChunk([{ index: 0, text: 'zzz' }]))]),
      );
      assert.equal((await run(streamCompletion(REQ, config()))).texts[0], 'a');
    });

    it('treats a body without [DONE] as complete when every choice finished (some servers omit [DONE])', async () => {
      server().setHandler((ctx) => streamChunks(ctx, { choices: [['x', 'y']], done: false }));
      assert.equal((await run(streamCompletion(REQ, config()))).texts[0], 'xy');
    });

    it('fails with incomplete when the body ends without [DONE] and without a finish_reason', async () => {
      server().setHandler((ctx) => streamChunks(ctx, { choices: [['x', 'y']], done: false, finishReason: null }));
      const err = await failure(streamCompletion(REQ, config()), 'incomplete');
      assert.deepEqual(err.before.filter((e) => e.type === 'delta').map((e) => (e as { text: string }).text), ['x', 'y']);
    });

    it('fails with incomplete on an empty 200 event stream', async () => {
      server().setHandler((ctx) => writeRaw(ctx, []));
      await failure(streamCompletion(REQ, config()), 'incomplete');
    });

    it('fails (never succeeds) when the connection is destroyed mid-stream', async () => {
      server().setHandler(async (ctx) => {
        startStream(ctx);
        writeChunk(ctx, completionChunk([{ index: 0, text: 'partial' }]));
        await sleep(20);
        ctx.res.destroy();
      });
      let error: unknown;
      try {
        await run(streamCompletion(REQ, config()));
      } catch (err) {
        error = err;
      }
      assert.ok(error instanceof CompletionError, 'must throw');
      assert.ok(error.kind === 'network' || error.kind === 'incomplete', error.kind);
      assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${server().port}`));
    });
  });

  describe('HTTP errors', () => {
    it('400 names the rejected parameter (suffix)', async () => {
      server().setHandler((ctx) =>
        sendError(ctx, 400, { message: 'Unrecognized request argument supplied: suffix', type: 'invalid_request_error', param: 'suffix' }),
      );
      const err = await failure(streamCompletion({ ...REQ, suffix: 'x' }, config()), 'bad-request');
      assert.equal(err.status, 400);
      assert.equal(err.param, 'suffix');
      assert.equal(err.serverMessage, 'Unrecognized request argument supplied: suffix');
    });

    it('401 shows the server text with the key redacted, even when the server echoes it', async () => {
      server().setHandler((ctx) =>
        sendError(ctx, 401, { message: `Incorrect API key provided: ${KEY}. You can find your API key at https://platform.openai.com/account/api-keys.`, code: 'invalid_api_key' }),
      );
      const err = await failure(streamCompletion(REQ, config()), 'unauthorized');
      assert.match(err.message, /rejected the API key \(401\): Incorrect API key provided: sk-te\*\*\*/);
      assert.ok(!(err.serverMessage ?? '').includes(KEY));
      assert.ok(!(err.stack ?? '').includes(KEY));
      assert.equal(err.code, 'invalid_api_key');
    });

    it('403, 404 (unknown model), 500 and 503 map to their kinds with the server message', async () => {
      const cases: [number, CompletionErrorKind, string][] = [
        [403, 'forbidden', 'Country, region, or territory not supported'],
        [404, 'not-found', 'The model `gpt-nope` does not exist'],
        [500, 'server', 'The server had an error while processing your request.'],
        [503, 'server', 'The engine is currently overloaded, please try again later.'],
      ];
      for (const [status, kind, message] of cases) {
        server().setHandler((ctx) => sendError(ctx, status, { message, type: 'server_error' }));
        const err = await failure(streamCompletion(REQ, config()), kind);
        assert.equal(err.status, status);
        assert.ok(err.message.includes(message), err.message);
      }
    });

    it('429 carries retryAfterMs from retry-after (seconds) and prefers retry-after-ms', async () => {
      server().setHandler((ctx) => sendError(ctx, 429, { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' }, { 'retry-after': '7' }));
      assert.equal((await failure(streamCompletion(REQ, config()), 'rate-limited')).retryAfterMs, 7000);
      server().setHandler((ctx) =>
        sendError(ctx, 429, { message: 'Rate limit reached', type: 'requests' }, { 'retry-after': '7', 'retry-after-ms': '1500' }),
      );
      const err = await failure(streamCompletion(REQ, config()), 'rate-limited');
      assert.equal(err.retryAfterMs, 1500);
      assert.ok(err.retryable);
    });

    it('a 200 JSON body with an error key is that error', async () => {
      server().setHandler((ctx) => sendJson(ctx, 200, { error: { message: 'model not loaded', type: 'invalid_request_error', code: 'model_not_found' } }));
      const err = await failure(streamCompletion(REQ, config()), 'not-found');
      assert.equal(err.serverMessage, 'model not loaded');
    });

    it('an HTML page with status 200 is a protocol error naming the content type', async () => {
      server().setHandler((ctx) => {
        ctx.res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        ctx.res.end('<!doctype html><html><body>Welcome to nginx!</body></html>');
      });
      const err = await failure(streamCompletion(REQ, config()), 'protocol');
      assert.match(err.message, /text\/html/);
    });
  });

  describe('errors inside the stream', () => {
    it('"event: error" stops the stream with the server message', async () => {
      server().setHandler((ctx) =>
        writeRaw(ctx, [
          sseData(completionChunk([{ index: 0, text: 'a' }])),
          'event: error\ndata: {"error":{"message":"The server had an error while processing your request.","type":"server_error"}}\n\n',
        ]),
      );
      const err = await failure(streamCompletion(REQ, config()), 'server');
      assert.equal(err.serverMessage, 'The server had an error while processing your request.');
      assert.equal(err.before.length, 1);
    });

    it('data: {"error": …} stops the stream with a typed error', async () => {
      server().setHandler((ctx) =>
        writeRaw(ctx, [sseData({ error: { message: `This model's maximum context length is 4097 tokens`, type: 'invalid_request_error', param: 'prompt', code: 'context_length_exceeded' } })]),
      );
      const err = await failure(streamCompletion(REQ, config()), 'bad-request');
      assert.equal(err.param, 'prompt');
      assert.match(err.message, /maximum context length/);
    });

    it('llama.cpp\'s bare "error:" line stops the stream with its message', async () => {
      server().setHandler((ctx) => writeRaw(ctx, ['error: {"code":500,"message":"context shift is disabled","type":"server_error"}\n\n']));
      const err = await failure(streamCompletion(REQ, config()), 'server');
      assert.equal(err.serverMessage, 'context shift is disabled');
    });

    it('a data line that is not JSON is a protocol error, not a crash', async () => {
      server().setHandler((ctx) => writeRaw(ctx, [sseData(completionChunk([{ index: 0, text: 'a' }])), 'data: \u0001\u00ff{garbage\n\n']));
      const err = await failure(streamCompletion(REQ, config()), 'protocol');
      assert.match(err.message, /not JSON/);
    });
  });

  describe('network failures', () => {
    it('ECONNREFUSED is a network error naming host:port', async () => {
      const port = await deadPort();
      const err = await failure(streamCompletion(REQ, config({ baseUrl: `http://127.0.0.1:${port}/v1` })), 'network');
      assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
      assert.match(err.message, /refused/);
      assert.equal(err.code, 'ECONNREFUSED');
    });
  });
});
