// Numbers the engine acts on, read strictly from real SSE bytes: a choice index that is not a whole number of a
// requested choice is never merged into another choice, and implausible usage is dropped, not counted.

import * as assert from 'node:assert/strict';
import { streamCompletion } from '../../../src/openai/client';
import { CompletionError } from '../../../src/core/completionError';
import type { CompletionRequest, StreamEvent } from '../../../src/core/ports';
import { completionChunk, sseData, writeRaw, fakeEndpoint, type FakeOpenAI } from '../../support/fakeOpenAI';
import { useFakeOpenAI } from '../../support/useFakeOpenAI';

const KEY = 'sk-test-AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const REQ: CompletionRequest = { model: 'gpt-3.5-turbo-instruct', prompt: 'x', maxTokens: 16, n: 2 };

function chunk(choices: Record<string, unknown>[], usage?: unknown): string {
  return sseData({ ...completionChunk([]), choices, ...(usage === undefined ? {} : { usage }) });
}

async function events(server: FakeOpenAI, body: string[]): Promise<StreamEvent[]> {
  server.setHandler((ctx) => writeRaw(ctx, body));
  const out: StreamEvent[] = [];
  for await (const ev of streamCompletion(REQ, fakeEndpoint(server, KEY))) out.push(ev);
  return out;
}

const finishBoth = [
  chunk([{ index: 0, text: '', finish_reason: 'stop' }]),
  chunk([{ index: 1, text: '', finish_reason: 'stop' }]),
];

describe('chunk fields read strictly', () => {
  let server: FakeOpenAI;
  useFakeOpenAI((started) => (server = started));

  for (const bad of ['1', 0.5, -1, 2, true]) {
    it(`a choice index of ${JSON.stringify(bad)} is a protocol error, never merged into choice 0`, async () => {
      const body = [chunk([{ index: 0, text: 'zero' }]), chunk([{ index: bad, text: 'other' }]), ...finishBoth, sseData('[DONE]')];
      server.setHandler((ctx) => writeRaw(ctx, body));
      const seen: StreamEvent[] = [];
      try {
        for await (const ev of streamCompletion(REQ, fakeEndpoint(server, KEY))) seen.push(ev);
        assert.fail(`no error; events ${JSON.stringify(seen)}`);
      } catch (err) {
        assert.ok(err instanceof CompletionError && err.kind === 'protocol', String(err));
        assert.match(err.message, /choice index/);
      }
      assert.deepEqual(seen, [{ type: 'delta', index: 0, text: 'zero' }]);
    });
  }

  it('integer indexes, and a missing one for choice 0, are read as before', async () => {
    const evs = await events(server, [chunk([{ text: 'a' }]), chunk([{ index: 1, text: 'b' }]), ...finishBoth, sseData('[DONE]')]);
    assert.deepEqual(evs.filter((e) => e.type === 'delta'), [
      { type: 'delta', index: 0, text: 'a' },
      { type: 'delta', index: 1, text: 'b' },
    ]);
  });

  const implausible: [string, unknown][] = [
    ['negative', { prompt_tokens: -5, completion_tokens: 3, total_tokens: -2 }],
    ['non-integer', { prompt_tokens: 5.5, completion_tokens: 3, total_tokens: 8.5 }],
    ['a string', { prompt_tokens: '5', completion_tokens: 3, total_tokens: 8 }],
    ['over 10 million', { prompt_tokens: 20_000_000, completion_tokens: 3, total_tokens: 20_000_003 }],
    ['total far from prompt + completion', { prompt_tokens: 5, completion_tokens: 3, total_tokens: 900_000 }],
    ['missing completion_tokens', { prompt_tokens: 5, total_tokens: 5 }],
  ];
  for (const [what, usage] of implausible) {
    it(`usage that is ${what} is dropped, not counted`, async () => {
      const evs = await events(server, [chunk([{ index: 0, text: 'a' }]), ...finishBoth, chunk([], usage), sseData('[DONE]')]);
      assert.deepEqual(evs.filter((e) => e.type === 'usage'), []);
      assert.ok(evs.some((e) => e.type === 'delta'));
    });
  }

  it('usage with an infinite number (1e999 on the wire) is dropped', async () => {
    // NaN cannot be written in JSON, but a huge exponent parses to Infinity.
    const raw = `data: ${JSON.stringify({ ...completionChunk([]), choices: [] }).slice(0, -1)},"usage":{"prompt_tokens":1e999,"completion_tokens":3,"total_tokens":1e999}}\n\n`;
    const evs = await events(server, [chunk([{ index: 0, text: 'a' }]), ...finishBoth, raw, sseData('[DONE]')]);
    assert.deepEqual(evs.filter((e) => e.type === 'usage'), []);
  });

  it('plausible usage is counted as given, and a missing total is the sum', async () => {
    const given = await events(server, [chunk([{ index: 0, text: 'a' }]), ...finishBoth, chunk([], { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 }), sseData('[DONE]')]);
    assert.deepEqual(given.filter((e) => e.type === 'usage'), [{ type: 'usage', usage: { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 } }]);
    const summed = await events(server, [chunk([{ index: 0, text: 'a' }]), ...finishBoth, chunk([], { prompt_tokens: 7, completion_tokens: 2 }), sseData('[DONE]')]);
    assert.deepEqual(summed.filter((e) => e.type === 'usage'), [{ type: 'usage', usage: { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 } }]);
  });
});
