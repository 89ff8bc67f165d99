import * as assert from 'node:assert/strict';
import { Agent, type Dispatcher } from 'undici';
import { streamCompletion } from '../../../src/openai/client';
import { CompletionError, type CompletionErrorKind } from '../../../src/core/completionError';
import { closeAgents } from '../../../src/openai/transport';
import type { CompletionRequest, EndpointConfig, StreamEvent } from '../../../src/core/ports';
import {
  completionChunk,
  completionObject,
  deadPort,
  sendError,
  sendJson,
  sleep,
  sseData,
  startFakeOpenAI,
  startStream,
  streamChunks,
  writeChunk,
  writeRaw,
  fakeEndpoint,
  type FakeOpenAI,
} from '../../support/fakeOpenAI';
import { validate } from './schemas';

const KEY = 'sk-test-AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const REQ: CompletionRequest = { model: 'gpt-3.5-turbo-instruct', prompt: 'function add(a, b) {\n', maxTokens: 32 };

let server: FakeOpenAI;

function config(over: Partial<EndpointConfig> = {}): EndpointConfig {
  return fakeEndpoint(server, KEY, over);
}

interface Run {
  events: StreamEvent[];
  /** Concatenated delta text per choice index. */
  texts: string[];
}

async function run(gen: AsyncGenerator<StreamEvent>): Promise<Run> {
  const events: StreamEvent[] = [];
  const texts: string[] = [];
  for await (const ev of gen) {
    events.push(ev);
    if (ev.type === 'delta') texts[ev.index] = (texts[ev.index] ?? '') + ev.text;
  }
  return { events, texts };
}

/** Runs to the end and returns the CompletionError it must fail with, plus the events before it. */
async function failure(gen: AsyncGenerator<StreamEvent>, kind: CompletionErrorKind): Promise<CompletionError & { before: StreamEvent[] }> {
  const before: StreamEvent[] = [];
  try {
    for await (const ev of gen) before.push(ev);
  } catch (err) {
    assert.ok(err instanceof CompletionError, `expected CompletionError, got ${String(err)}`);
    assert.equal(err.kind, kind, `kind of: ${err.message}`);
    assert.ok(!err.message.includes(KEY), 'key in message');
    return Object.assign(err, { before });
  }
  assert.fail(`expected a '${kind}' error, but the stream ended normally after ${JSON.stringify(before)}`);
}

describe('streamCompletion', () => {
  // Inside the describe: hooks at file level would be root hooks for every test file in the run.
  beforeEach(async () => {
    server = await startFakeOpenAI();
  });
  afterEach(async () => {
    await server.close();
  });
  after(async () => {
    await closeAgents();
  });

  describe('request and response format', () => {
    it('sends a body that validates against OpenAI\'s CreateCompletionRequest schema, with at most 4 stops', async () => {
      const r = await run(
        streamCompletion(
          { ...REQ, suffix: '\n}\n', temperature: 0.2, topP: 0.95, stop: ['\n\n', '\nfunction', '\nclass', '\n//', '\nexport', '\nimport'] },
          config(),
        ),
      );
      assert.equal(r.texts[0], 'Hello, world!');
      const sent = server.requests[0]!;
      assert.equal(sent.method, 'POST');
      assert.equal(sent.path, '/v1/completions');
      assert.equal(sent.headers['content-type'], 'application/json');
      assert.deepEqual(validate('CreateCompletionRequest', sent.body), []);
      assert.deepEqual(sent.body.stop, ['\n\n', '\nfunction', '\nclass', '\n//']);
      assert.equal(sent.body.suffix, '\n}\n');
      assert.equal(sent.body.max_tokens, 32);
      assert.equal(sent.body.stream, true);
      assert.deepEqual(sent.body.stream_options, { include_usage: true });
    });

    it('omits the suffix when includeSuffix is false', async () => {
      await run(streamCompletion({ ...REQ, suffix: '\n}\n' }, config(), undefined, { includeSuffix: false }));
      assert.ok(!('suffix' in server.requests[0]!.body));
      assert.deepEqual(validate('CreateCompletionRequest', server.requests[0]!.body), []);
    });

    it('the fake server speaks the real format: every chunk validates against CreateCompletionStreamChunk', async () => {
      server.setHandler((ctx) => streamChunks(ctx, { choices: [['a', 'b'], ['c']], finishReason: 'length' }));
      await run(streamCompletion({ ...REQ, n: 2 }, config()));
      assert.ok(server.emittedChunks.length >= 6);
      for (const chunk of server.emittedChunks) assert.deepEqual(validate('CreateCompletionStreamChunk', chunk), [], JSON.stringify(chunk));
      assert.deepEqual(validate('CreateCompletionResponse', completionObject(['x'])), []);
    });

    it('yields deltas per choice, a finish per choice and the usage', async () => {
      server.setHandler((ctx) => streamChunks(ctx, { choices: [['foo', '', '(1)'], ['bar']], finishReason: 'stop' }));
      const r = await run(streamCompletion({ ...REQ, n: 2 }, config()));
      assert.deepEqual(r.texts, ['foo(1)', 'bar']);
      assert.equal(server.requests[0]!.body.n, 2);
      // Empty-text chunks produce no delta.
      assert.ok(r.events.every((e) => e.type !== 'delta' || e.text !== ''));
      const finishes = r.events.filter((e) => e.type === 'finish');
      assert.deepEqual(finishes, [
        { type: 'finish', index: 0, reason: 'stop' },
        { type: 'finish', index: 1, reason: 'stop' },
      ]);
      const usage = r.events.filter((e) => e.type === 'usage');
      assert.equal(usage.length, 1);
      assert.deepEqual(r.events[r.events.length - 1], usage[0]);
      const u = (usage[0] as Extract<StreamEvent, { type: 'usage' }>).usage;
      assert.equal(u.completion_tokens, 4);
      assert.equal(u.total_tokens, u.prompt_tokens + u.completion_tokens);
    });

    it('delivers each delta as soon as its event arrives, before the server sends the rest', async () => {
      let openGate!: () => void;
      const gate = new Promise<void>((r) => (openGate = r));
      let gateOpenedByClient = false;
      server.setHandler((ctx) =>
        streamChunks(ctx, {
          choices: [['first', ' second', ' third']],
          // Chunk 1 waits until the client has seen chunk 0 (or 1.5 s, so a broken client fails instead of hanging).
          beforeChunk: (i) => (i === 1 ? Promise.race([gate, sleep(1500)]) : undefined),
        }),
      );
      const seen: string[] = [];
      for await (const ev of streamCompletion(REQ, config())) {
        if (ev.type !== 'delta') continue;
        seen.push(ev.text);
        if (seen.length === 1) {
          gateOpenedByClient = true;
          openGate();
        }
      }
      assert.ok(gateOpenedByClient);
      assert.deepEqual(seen, ['first', ' second', ' third']);
      assert.equal(server.emittedChunks.length, 5, 'the first delta arrived while the server still held the rest');
    });

    it('reassembles multi-byte characters and \\r\\n events split at arbitrary network boundaries', async () => {
      const texts = ['é', '€ ', '😀', ' 漢字', '\r\n\tx'];
      let wire = '';
      for (const t of texts) wire += sseData(completionChunk([{ index: 0, text: t }]), '\r\n');
      wire += sseData(completionChunk([{ index: 0, text: '', finish_reason: 'stop' }]), '\r\n') + 'data: [DONE]\r\n\r\n';
      const bytes = Buffer.from(wire, 'utf8');
      const pieces: Buffer[] = [];
      // Piece sizes 1..7 bytes, so cuts land inside characters, inside "data:", and between \r and \n.
      for (let i = 0, n = 1; i < bytes.length; i += n, n = (n % 7) + 1) pieces.push(bytes.subarray(i, i + n));
      server.setHandler((ctx) => writeRaw(ctx, pieces, { delayMs: 1 }));
      const r = await run(streamCompletion(REQ, config()));
      assert.equal(r.texts[0], texts.join(''));
    });

    it('accepts "usage": null on ordinary chunks, as OpenAI sends with include_usage', async () => {
      server.setHandler((ctx) =>
        writeRaw(ctx, [
          sseData({ ...completionChunk([{ index: 0, text: 'ok' }]), usage: null }),
          sseData({ ...completionChunk([{ index: 0, text: '', finish_reason: 'stop' }]), usage: null }),
          sseData({ ...completionChunk([]), usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } }),
          'data: [DONE]\n\n',
        ]),
      );
      const r = await run(streamCompletion(REQ, config()));
      assert.equal(r.texts[0], 'ok');
      assert.deepEqual(r.events.filter((e) => e.type === 'usage'), [
        { type: 'usage', usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } },
      ]);
    });

    it('yields the text of a plain JSON completion from a server that ignores stream: true', async () => {
      server.setHandler((ctx) => sendJson(ctx, 200, completionObject(['const x = 1;'])));
      const r = await run(streamCompletion(REQ, config()));
      assert.equal(r.texts[0], 'const x = 1;');
      assert.deepEqual(r.events.find((e) => e.type === 'finish'), { type: 'finish', index: 0, reason: 'stop' });
      assert.ok(r.events.some((e) => e.type === 'usage'));
    });
  });

  describe('end of stream', () => {
    it('ends at [DONE] without waiting for the server to close the body', async () => {
      server.setHandler((ctx) => streamChunks(ctx, { choices: [['done']], end: false }));
      const t0 = Date.now();
      const r = await run(streamCompletion(REQ, config({ timeouts: { connectMs: 2000, firstByteMs: 2000, idleMs: 5000 } })));
      assert.equal(r.texts[0], 'done');
      assert.ok(Date.now() - t0 < 1000, 'returned at [DONE]');
    });

    it('ignores events after [DONE]', async () => {
      server.setHandler((ctx) =>
        writeRaw(ctx, [sseData(completionChunk([{ index: 0, text: 'a', finish_reason: 'stop' }])) + 'data: [DONE]\n\n' + sseData(completionChunk([{ index: 0, text: 'zzz' }]))]),
      );
      assert.equal((await run(streamCompletion(REQ, config()))).texts[0], 'a');
    });

    it('treats a body without [DONE] as complete when every choice finished (some servers omit [DONE])', async () => {
      server.setHandler((ctx) => streamChunks(ctx, { choices: [['x', 'y']], done: false }));
      assert.equal((await run(streamCompletion(REQ, config()))).texts[0], 'xy');
    });

    it('fails with incomplete when the body ends without [DONE] and without a finish_reason', async () => {
      server.setHandler((ctx) => streamChunks(ctx, { choices: [['x', 'y']], done: false, finishReason: null }));
      const err = await failure(streamCompletion(REQ, config()), 'incomplete');
      assert.deepEqual(err.before.filter((e) => e.type === 'delta').map((e) => (e as { text: string }).text), ['x', 'y']);
    });

    it('fails with incomplete on an empty 200 event stream', async () => {
      server.setHandler((ctx) => writeRaw(ctx, []));
      await failure(streamCompletion(REQ, config()), 'incomplete');
    });

    it('fails (never succeeds) when the connection is destroyed mid-stream', async () => {
      server.setHandler(async (ctx) => {
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
      assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${server.port}`));
    });
  });

  describe('HTTP errors', () => {
    it('400 names the rejected parameter (suffix)', async () => {
      server.setHandler((ctx) =>
        sendError(ctx, 400, { message: 'Unrecognized request argument supplied: suffix', type: 'invalid_request_error', param: 'suffix' }),
      );
      const err = await failure(streamCompletion({ ...REQ, suffix: 'x' }, config()), 'bad-request');
      assert.equal(err.status, 400);
      assert.equal(err.param, 'suffix');
      assert.equal(err.serverMessage, 'Unrecognized request argument supplied: suffix');
    });

    it('401 shows the server text with the key redacted, even when the server echoes it', async () => {
      server.setHandler((ctx) =>
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
        server.setHandler((ctx) => sendError(ctx, status, { message, type: 'server_error' }));
        const err = await failure(streamCompletion(REQ, config()), kind);
        assert.equal(err.status, status);
        assert.ok(err.message.includes(message), err.message);
      }
    });

    it('429 carries retryAfterMs from retry-after (seconds) and prefers retry-after-ms', async () => {
      server.setHandler((ctx) => sendError(ctx, 429, { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' }, { 'retry-after': '7' }));
      assert.equal((await failure(streamCompletion(REQ, config()), 'rate-limited')).retryAfterMs, 7000);
      server.setHandler((ctx) =>
        sendError(ctx, 429, { message: 'Rate limit reached', type: 'requests' }, { 'retry-after': '7', 'retry-after-ms': '1500' }),
      );
      const err = await failure(streamCompletion(REQ, config()), 'rate-limited');
      assert.equal(err.retryAfterMs, 1500);
      assert.ok(err.retryable);
    });

    it('a 200 JSON body with an error key is that error', async () => {
      server.setHandler((ctx) => sendJson(ctx, 200, { error: { message: 'model not loaded', type: 'invalid_request_error', code: 'model_not_found' } }));
      const err = await failure(streamCompletion(REQ, config()), 'not-found');
      assert.equal(err.serverMessage, 'model not loaded');
    });

    it('an HTML page with status 200 is a protocol error naming the content type', async () => {
      server.setHandler((ctx) => {
        ctx.res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        ctx.res.end('<!doctype html><html><body>Welcome to nginx!</body></html>');
      });
      const err = await failure(streamCompletion(REQ, config()), 'protocol');
      assert.match(err.message, /text\/html/);
    });
  });

  describe('errors inside the stream', () => {
    it('"event: error" stops the stream with the server message', async () => {
      server.setHandler((ctx) =>
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
      server.setHandler((ctx) =>
        writeRaw(ctx, [sseData({ error: { message: `This model's maximum context length is 4097 tokens`, type: 'invalid_request_error', param: 'prompt', code: 'context_length_exceeded' } })]),
      );
      const err = await failure(streamCompletion(REQ, config()), 'bad-request');
      assert.equal(err.param, 'prompt');
      assert.match(err.message, /maximum context length/);
    });

    it('llama.cpp\'s bare "error:" line stops the stream with its message', async () => {
      server.setHandler((ctx) => writeRaw(ctx, ['error: {"code":500,"message":"context shift is disabled","type":"server_error"}\n\n']));
      const err = await failure(streamCompletion(REQ, config()), 'server');
      assert.equal(err.serverMessage, 'context shift is disabled');
    });

    it('a data line that is not JSON is a protocol error, not a crash', async () => {
      server.setHandler((ctx) => writeRaw(ctx, [sseData(completionChunk([{ index: 0, text: 'a' }])), 'data: \u0001\u00ff{garbage\n\n']));
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

  describe('cancellation', () => {
    it('abort mid-stream: the server sees the disconnect and the generator throws aborted', async () => {
      server.setHandler((ctx) => streamChunks(ctx, { choices: [['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']], delayMs: 50 }));
      const ac = new AbortController();
      const got: string[] = [];
      let error: unknown;
      try {
        for await (const ev of streamCompletion(REQ, config(), ac.signal)) {
          if (ev.type === 'delta') got.push(ev.text);
          if (got.length === 2) ac.abort();
        }
      } catch (err) {
        error = err;
      }
      assert.ok(error instanceof CompletionError && error.kind === 'aborted', String(error));
      assert.deepEqual(got, ['a', 'b'], 'nothing is yielded after the abort');
      await server.waitForDisconnects(1, 1000);
    });

    it('abort: events already received in the same network chunk are not yielded after it', async () => {
      server.setHandler(async (ctx) => {
        const events = ['a', 'b', 'c'].map((t) => sseData(completionChunk([{ index: 0, text: t }]))).join('');
        await writeRaw(ctx, [events], { end: false });
        await ctx.closed;
      });
      const ac = new AbortController();
      const got: string[] = [];
      await assert.rejects(
        (async () => {
          for await (const ev of streamCompletion(REQ, config(), ac.signal)) {
            if (ev.type === 'delta') got.push(ev.text);
            ac.abort();
          }
        })(),
        (e: unknown) => e instanceof CompletionError && e.kind === 'aborted',
      );
      assert.deepEqual(got, ['a']);
      await server.waitForDisconnects(1, 1000);
    });

    it('abort while the consumer is not reading still closes the connection at once', async () => {
      server.setHandler((ctx) => streamChunks(ctx, { choices: [['a', 'b', 'c', 'd', 'e', 'f']], delayMs: 40 }));
      const ac = new AbortController();
      const gen = streamCompletion(REQ, config(), ac.signal);
      assert.deepEqual(await gen.next(), { done: false, value: { type: 'delta', index: 0, text: 'a' } });
      ac.abort();
      await server.waitForDisconnects(1, 1000);
      await assert.rejects(gen.next(), (e: unknown) => e instanceof CompletionError && e.kind === 'aborted');
    });

    it('break out of for-await: the server sees the disconnect', async () => {
      server.setHandler((ctx) => streamChunks(ctx, { choices: [['a', 'b', 'c', 'd', 'e', 'f']], delayMs: 50 }));
      for await (const ev of streamCompletion(REQ, config())) {
        if (ev.type === 'delta') break;
      }
      await server.waitForDisconnects(1, 1000);
      assert.equal(server.requestCount, 1);
    });

    it('abort before the response headers: throws aborted and the server sees the disconnect', async () => {
      server.setHandler(() => undefined); // never answers
      const ac = new AbortController();
      const gen = streamCompletion(REQ, config(), ac.signal);
      const pending = gen.next();
      await server.waitForRequests(1);
      ac.abort();
      await assert.rejects(pending, (e: unknown) => e instanceof CompletionError && e.kind === 'aborted');
      await server.waitForDisconnects(1, 1000);
    });

    it('an already-aborted signal sends nothing', async () => {
      const ac = new AbortController();
      ac.abort();
      await failure(streamCompletion(REQ, config(), ac.signal), 'aborted');
      await sleep(20);
      assert.equal(server.requestCount, 0);
    });
  });

  describe('timeouts', () => {
    const fast = { connectMs: 1000, firstByteMs: 200, idleMs: 200 };

    it('first byte: a server that never answers → timeout/firstByte, quickly, and the socket is closed', async () => {
      server.setHandler(() => undefined);
      const t0 = Date.now();
      const err = await failure(streamCompletion(REQ, config({ timeouts: fast })), 'timeout');
      const took = Date.now() - t0;
      assert.equal(err.timeoutPhase, 'firstByte');
      assert.ok(took >= 150 && took < 1000, `took ${took} ms`);
      assert.match(err.message, /200 ms/);
      await server.waitForDisconnects(1, 1000);
    });

    it('connect: a dispatcher that never connects → timeout/connect at the connect limit', async () => {
      // Stands in for an unreachable host whose SYNs are dropped: the request is never put on a socket.
      const blackhole = { dispatch: () => true } as unknown as Dispatcher;
      const t0 = Date.now();
      const err = await failure(
        streamCompletion(REQ, config({ dispatcher: blackhole, timeouts: { connectMs: 150, firstByteMs: 5000, idleMs: 5000 } })),
        'timeout',
      );
      assert.equal(err.timeoutPhase, 'connect');
      assert.ok(Date.now() - t0 < 1000);
      assert.match(err.message, /127\.0\.0\.1:\d+ within 150 ms/);
    });

    it('idle: one chunk then silence → timeout/idle after the text so far, and the socket is closed', async () => {
      server.setHandler(async (ctx) => {
        startStream(ctx);
        writeChunk(ctx, completionChunk([{ index: 0, text: 'one' }]));
        await ctx.closed; // stall
      });
      const t0 = Date.now();
      const err = await failure(streamCompletion(REQ, config({ timeouts: fast })), 'timeout');
      const took = Date.now() - t0;
      assert.equal(err.timeoutPhase, 'idle');
      assert.deepEqual(err.before, [{ type: 'delta', index: 0, text: 'one' }]);
      assert.ok(took < 1000, `took ${took} ms`);
      await server.waitForDisconnects(1, 1000);
    });

    it('idle resets on every chunk: a slow but steady stream completes', async () => {
      server.setHandler((ctx) => streamChunks(ctx, { choices: [['a', 'b', 'c', 'd', 'e']], delayMs: 60 }));
      const r = await run(streamCompletion(REQ, config({ timeouts: { connectMs: 1000, firstByteMs: 1000, idleMs: 150 } })));
      assert.equal(r.texts[0], 'abcde');
    });

    it('idle time counts only while waiting for the server, not while the consumer is busy', async () => {
      const r: string[] = [];
      for await (const ev of streamCompletion(REQ, config({ timeouts: fast }))) {
        if (ev.type === 'delta') r.push(ev.text);
        await sleep(120); // 4 events × 120 ms > idleMs
      }
      assert.equal(r.join(''), 'Hello, world!');
    });
  });

  describe('keys and endpoints', () => {
    it('openai: sends the key as Bearer', async () => {
      await run(streamCompletion(REQ, config({ provider: 'openai' })));
      assert.equal(server.requests[0]!.headers['authorization'], `Bearer ${KEY}`);
      assert.equal(server.requests[0]!.headers['api-key'], undefined);
    });

    it('azure: api-key header, deployment URL with api-version, no model in the body', async () => {
      await run(
        streamCompletion(REQ, config({ provider: 'azure', baseUrl: server.origin, azureDeployment: 'instruct-dep', azureApiVersion: '2024-10-21' })),
      );
      const r = server.requests[0]!;
      assert.equal(r.path, '/openai/deployments/instruct-dep/completions');
      assert.deepEqual(r.query, { 'api-version': '2024-10-21' });
      assert.equal(r.headers['api-key'], KEY);
      assert.equal(r.headers['authorization'], undefined);
      assert.ok(!('model' in r.body));
    });

    it('openai-compatible without a key: no Authorization header at all', async () => {
      await run(streamCompletion(REQ, config({ apiKey: undefined })));
      assert.ok(!('authorization' in server.requests[0]!.headers));
      assert.ok(!('api-key' in server.requests[0]!.headers));
    });

    it('refuses to send the key over http to a non-loopback host, before any network I/O', async () => {
      let dispatched = 0;
      const spy = { dispatch: () => ((dispatched += 1), true) } as unknown as Dispatcher;
      const err = await failure(
        streamCompletion(REQ, config({ provider: 'openai', baseUrl: 'http://completions.invalid/v1', dispatcher: spy })),
        'insecure-url',
      );
      assert.match(err.message, /completions\.invalid/);
      assert.equal(dispatched, 0);
    });

    it('sends the key over http to 127.0.0.1 and to localhost', async () => {
      await run(streamCompletion(REQ, config({ provider: 'openai', baseUrl: `http://localhost:${server.port}/v1` })));
      await run(streamCompletion(REQ, config({ provider: 'openai', baseUrl: `http://127.0.0.1:${server.port}/v1` })));
      assert.equal(server.requestCount, 2);
      for (const r of server.requests) assert.equal(r.headers['authorization'], `Bearer ${KEY}`);
    });

    it('uses config.dispatcher when given (e.g. a proxy agent)', async () => {
      let dispatched = 0;
      class CountingAgent extends Agent {
        override dispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
          dispatched++;
          return super.dispatch(opts, handler);
        }
      }
      const agent = new CountingAgent();
      try {
        assert.equal((await run(streamCompletion(REQ, config({ dispatcher: agent })))).texts[0], 'Hello, world!');
        assert.equal(dispatched, 1);
      } finally {
        await agent.close();
      }
    });

    it('reuses the connection for the next completion after a clean [DONE]', async () => {
      const ports: number[] = [];
      server.setHandler((ctx) => {
        ports.push(ctx.req.socket.remotePort ?? -1);
        return streamChunks(ctx, { choices: [['x']] });
      });
      await run(streamCompletion(REQ, config()));
      await sleep(30);
      await run(streamCompletion(REQ, config()));
      assert.equal(ports.length, 2);
      assert.equal(ports[0], ports[1], 'same client socket');
      assert.equal(server.disconnects, 0);
    });
  });
});
