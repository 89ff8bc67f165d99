// Cancellation and timeouts: the server sees the disconnect, and nothing waits forever.

import * as assert from 'node:assert/strict';
import { type Dispatcher } from 'undici';
import { streamCompletion } from '../../../../src/openai/client';
import { CompletionError } from '../../../../src/core/completionError';
import { completionChunk, sleep, sseData, startStream, streamChunks, writeChunk, writeRaw } from '../../../support/fakeOpenAI';
import { REQ, run, failure, useClientServer } from './harness';

describe('streamCompletion', () => {
  const { server, config } = useClientServer();

  describe('cancellation', () => {
    it('abort mid-stream: the server sees the disconnect and the generator throws aborted', async () => {
      server().setHandler((ctx) => streamChunks(ctx, { choices: [['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']], delayMs: 50 }));
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
      await server().waitForDisconnects(1, 1000);
    });

    it('abort: events already received in the same network chunk are not yielded after it', async () => {
      server().setHandler(async (ctx) => {
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
      await server().waitForDisconnects(1, 1000);
    });

    it('abort while the consumer is not reading still closes the connection at once', async () => {
      server().setHandler((ctx) => streamChunks(ctx, { choices: [['a', 'b', 'c', 'd', 'e', 'f']], delayMs: 40 }));
      const ac = new AbortController();
      const gen = streamCompletion(REQ, config(), ac.signal);
      assert.deepEqual(await gen.next(), { done: false, value: { type: 'delta', index: 0, text: 'a' } });
      ac.abort();
      await server().waitForDisconnects(1, 1000);
      await assert.rejects(gen.next(), (e: unknown) => e instanceof CompletionError && e.kind === 'aborted');
    });

    it('break out of for-await: the server sees the disconnect', async () => {
      server().setHandler((ctx) => streamChunks(ctx, { choices: [['a', 'b', 'c', 'd', 'e', 'f']], delayMs: 50 }));
      for await (const ev of streamCompletion(REQ, config())) {
        if (ev.type === 'delta') break;
      }
      await server().waitForDisconnects(1, 1000);
      assert.equal(server().requestCount, 1);
    });

    it('abort before the response headers: throws aborted and the server sees the disconnect', async () => {
      server().setHandler(() => undefined); // never answers
      const ac = new AbortController();
      const gen = streamCompletion(REQ, config(), ac.signal);
      const pending = gen.next();
      await server().waitForRequests(1);
      ac.abort();
      await assert.rejects(pending, (e: unknown) => e instanceof CompletionError && e.kind === 'aborted');
      await server().waitForDisconnects(1, 1000);
    });

    it('an already-aborted signal sends nothing', async () => {
      const ac = new AbortController();
      ac.abort();
      await failure(streamCompletion(REQ, config(), ac.signal), 'aborted');
      await sleep(20);
      assert.equal(server().requestCount, 0);
    });
  });

  describe('timeouts', () => {
    const fast = { connectMs: 1000, firstByteMs: 200, idleMs: 200 };

    it('first byte: a server that never answers → timeout/firstByte, quickly, and the socket is closed', async () => {
      server().setHandler(() => undefined);
      const t0 = Date.now();
      const err = await failure(streamCompletion(REQ, config({ timeouts: fast })), 'timeout');
      const took = Date.now() - t0;
      assert.equal(err.timeoutPhase, 'firstByte');
      assert.ok(took >= 150 && took < 1000, `took ${took} ms`);
      assert.match(err.message, /200 ms/);
      await server().waitForDisconnects(1, 1000);
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
      server().setHandler(async (ctx) => {
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
      await server().waitForDisconnects(1, 1000);
    });

    it('idle resets on every chunk: a slow but steady stream completes', async () => {
      server().setHandler((ctx) => streamChunks(ctx, { choices: [['a', 'b', 'c', 'd', 'e']], delayMs: 60 }));
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
});
