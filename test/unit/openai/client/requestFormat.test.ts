// The request the client sends and how it reads a well-formed answer.

import * as assert from 'node:assert/strict';
import { streamCompletion } from '../../../../src/openai/client';
import type { StreamEvent } from '../../../../src/core/ports';
import { completionChunk, completionObject, sendJson, sleep, sseData, streamChunks, writeRaw } from '../../../support/fakeOpenAI';
import { validate } from '../schemas';
import { REQ, run, useClientServer } from './harness';

describe('streamCompletion', () => {
  const { server, config } = useClientServer();

  describe('request and response format', () => {
    it('sends a body that validates against OpenAI\'s CreateCompletionRequest schema, with at most 4 stops', async () => {
      const r = await run(
        streamCompletion(
          { ...REQ, suffix: '\n}\n', temperature: 0.2, topP: 0.95, stop: ['\n\n', '\nfunction', '\nclass', '\n//', '\nexport', '\nimport'] },
          config(),
        ),
      );
      assert.equal(r.texts[0], 'Hello, world!');
      const sent = server().requests[0]!;
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
      assert.ok(!('suffix' in server().requests[0]!.body));
      assert.deepEqual(validate('CreateCompletionRequest', server().requests[0]!.body), []);
    });

    it('the fake server speaks the real format: every chunk validates against CreateCompletionStreamChunk', async () => {
      server().setHandler((ctx) => streamChunks(ctx, { choices: [['a', 'b'], ['c']], finishReason: 'length' }));
      await run(streamCompletion({ ...REQ, n: 2 }, config()));
      assert.ok(server().emittedChunks.length >= 6);
      for (const chunk of server().emittedChunks) assert.deepEqual(validate('CreateCompletionStreamChunk', chunk), [], JSON.stringify(chunk));
      assert.deepEqual(validate('CreateCompletionResponse', completionObject(['x'])), []);
    });

    it('yields deltas per choice, a finish per choice and the usage', async () => {
      server().setHandler((ctx) => streamChunks(ctx, { choices: [['foo', '', '(1)'], ['bar']], finishReason: 'stop' }));
      const r = await run(streamCompletion({ ...REQ, n: 2 }, config()));
      assert.deepEqual(r.texts, ['foo(1)', 'bar']);
      assert.equal(server().requests[0]!.body.n, 2);
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
      server().setHandler((ctx) =>
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
      assert.equal(server().emittedChunks.length, 5, 'the first delta arrived while the server still held the rest');
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
      server().setHandler((ctx) => writeRaw(ctx, pieces, { delayMs: 1 }));
      const r = await run(streamCompletion(REQ, config()));
      assert.equal(r.texts[0], texts.join(''));
    });

    it('accepts "usage": null on ordinary chunks, as OpenAI sends with include_usage', async () => {
      server().setHandler((ctx) =>
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
      server().setHandler((ctx) => sendJson(ctx, 200, completionObject(['const x = 1;'])));
      const r = await run(streamCompletion(REQ, config()));
      assert.equal(r.texts[0], 'const x = 1;');
      assert.deepEqual(r.events.find((e) => e.type === 'finish'), { type: 'finish', index: 0, reason: 'stop' });
      assert.ok(r.events.some((e) => e.type === 'usage'));
    });
  });
});
