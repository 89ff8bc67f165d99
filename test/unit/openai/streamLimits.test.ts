// Misbehaving servers over real HTTP: one that ignores max_tokens, one that floods comments, one that never ends.
// Each stream is closed by the client (the server sees the disconnect) with a protocol error, and the text
// yielded before stays whole.

import * as assert from 'node:assert/strict';
import { streamCompletion } from '../../../src/openai/client';
import { CompletionError } from '../../../src/core/completionError';
import type { CompletionRequest, StreamEvent } from '../../../src/core/ports';
import { completionChunk, sleep, sseData, startStream, streamChunks, fakeEndpoint, type FakeOpenAI } from '../../support/fakeOpenAI';
import { useFakeOpenAI } from '../../support/useFakeOpenAI';

const KEY = 'sk-test-AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const REQ: CompletionRequest = { model: 'gpt-3.5-turbo-instruct', prompt: 'x', maxTokens: 32 };

async function protocolFailure(gen: AsyncGenerator<StreamEvent>): Promise<{ err: CompletionError; text: string }> {
  let text = '';
  try {
    for await (const ev of gen) if (ev.type === 'delta') text += ev.text;
  } catch (err) {
    assert.ok(err instanceof CompletionError, `expected CompletionError, got ${String(err)}`);
    assert.equal(err.kind, 'protocol', `kind ${err.kind}: ${err.message}`);
    assert.ok(!err.retryable);
    return { err, text };
  }
  assert.fail(`expected a protocol error, but the stream ended normally after ${text.length} characters`);
}

/** Waits until the client reads more (or goes away), without piling up listeners. */
function drained(res: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

describe('stream bounds', () => {
  let server: FakeOpenAI;
  useFakeOpenAI((started) => (server = started));

  it('a server that ignores max_tokens is cut off after clearly more than max_tokens worth of text', async () => {
    const piece = 'abcdefghij'.repeat(10);
    let written = 0;
    server.setHandler(async (ctx) => {
      startStream(ctx);
      // Would go on for 2 MB; the client must stop it long before.
      for (let i = 0; i < 20000 && !ctx.isClosed(); i++) {
        ctx.res.write(sseData(completionChunk([{ index: 0, text: piece }])));
        written += piece.length;
        if (i % 20 === 0) await sleep(1);
      }
      if (!ctx.isClosed()) ctx.res.end(sseData('[DONE]'));
    });
    const { err, text } = await protocolFailure(streamCompletion(REQ, fakeEndpoint(server, KEY)));
    assert.match(err.message, /kept streaming past max_tokens \(32\); stopped after \d+ characters/);
    // Whole pieces, in order: what was yielded is valid text, nothing past the bound.
    assert.ok(text.length > 0 && text.length <= 2048, `${text.length} characters`);
    assert.equal(text, piece.repeat(text.length / piece.length));
    assert.match(err.message, new RegExp(`stopped after ${text.length} characters`));
    await server.waitForDisconnects(1);
    assert.ok(written < 200_000, `server wrote ${written} characters`);
  });

  it('text up to the bound (4 characters per token × 4, at least 2048) passes', async () => {
    server.setHandler((ctx) => streamChunks(ctx, { choices: [['x'.repeat(1024), 'y'.repeat(1024)], ['z'.repeat(2048)]] }));
    let chars = 0;
    for await (const ev of streamCompletion({ ...REQ, n: 2 }, fakeEndpoint(server, KEY))) if (ev.type === 'delta') chars += ev.text.length;
    assert.equal(chars, 4096);
  });

  it('comment lines without any data are bounded in bytes, not read to the end', async () => {
    let written = 0;
    server.setHandler(async (ctx) => {
      startStream(ctx);
      ctx.res.write(sseData(completionChunk([{ index: 0, text: 'start' }])));
      const comments = ': keep-alive\n'.repeat(5000); // 65 KB
      // 8 MB of comments in all, then the end of the body.
      while (written < 8 * 1024 * 1024 && !ctx.isClosed()) {
        if (!ctx.res.write(comments)) await drained(ctx.res);
        written += comments.length;
      }
      if (!ctx.isClosed()) ctx.res.end();
    });
    const { err, text } = await protocolFailure(streamCompletion(REQ, fakeEndpoint(server, KEY)));
    assert.match(err.message, /without a completion event/);
    assert.equal(text, 'start');
    await server.waitForDisconnects(1);
    assert.ok(written < 6 * 1024 * 1024, `server wrote ${written} bytes`);
  });

  it('a stream that never ends is stopped at the total-time cap, however steady its keep-alives', async () => {
    server.setHandler(async (ctx) => {
      startStream(ctx);
      ctx.res.write(sseData(completionChunk([{ index: 0, text: 'slow' }])));
      // A comment every 50 ms keeps the idle timer quiet; ends by itself only after 3 s.
      for (let i = 0; i < 60 && !ctx.isClosed(); i++) {
        ctx.res.write(': ping\n\n');
        await sleep(50);
      }
      if (!ctx.isClosed()) ctx.res.end();
    });
    const t0 = Date.now();
    const timeouts = { connectMs: 2000, firstByteMs: 2000, idleMs: 2000, totalMs: 400 };
    const { err, text } = await protocolFailure(streamCompletion(REQ, fakeEndpoint(server, KEY, { timeouts })));
    const took = Date.now() - t0;
    assert.match(err.message, /kept the stream open for more than 400 ms/);
    assert.equal(text, 'slow');
    assert.ok(took >= 350 && took < 1500, `took ${took} ms`);
    await server.waitForDisconnects(1);
  });
});
