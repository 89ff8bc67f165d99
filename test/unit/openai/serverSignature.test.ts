import * as assert from 'node:assert/strict';
import type { StreamEvent } from '../../../src/core/ports';
import { streamCompletion } from '../../../src/openai/client';
import { serverOfChunk } from '../../../src/openai/serverSignature';
import { closeAgents } from '../../../src/openai/transport';
import { fakeEndpoint, sseData, startFakeOpenAI, startStream, type FakeOpenAI } from '../../support/fakeOpenAI';

// Chunks shaped as each server writes them on POST /v1/completions (fields per their sources).
const LLAMA_CPP = { id: 'chatcmpl-9Xb1', object: 'text_completion', created: 1, model: 'qwen', system_fingerprint: 'b5432-6f1a2b3', choices: [{ text: 'x', index: 0, logprobs: null, finish_reason: null }] };
const OLLAMA = { id: 'cmpl-412', object: 'text_completion', created: 1, model: 'qwen2.5-coder', system_fingerprint: 'fp_ollama', choices: [{ text: 'x', index: 0, finish_reason: null }] };
const OPENAI = { id: 'cmpl-8abc', object: 'text_completion', created: 1, model: 'gpt-3.5-turbo-instruct', choices: [{ text: 'x', index: 0, logprobs: null, finish_reason: null }] };

describe('serverOfChunk', () => {
  it("recognises llama.cpp's server by its build fingerprint, its chat-style ids or its timings", () => {
    assert.equal(serverOfChunk(LLAMA_CPP), 'llama.cpp');
    assert.equal(serverOfChunk({ ...LLAMA_CPP, system_fingerprint: undefined }), 'llama.cpp');
    assert.equal(serverOfChunk({ id: 'x', choices: [], timings: { prompt_n: 12, predicted_n: 3 } }), 'llama.cpp');
  });

  it('recognises Ollama by its fingerprint, and leaves OpenAI and unknown servers alone', () => {
    assert.equal(serverOfChunk(OLLAMA), 'ollama');
    assert.equal(serverOfChunk(OPENAI), undefined);
    assert.equal(serverOfChunk({ ...OPENAI, system_fingerprint: 'fp_44709d6fcb' }), undefined);
  });
});

describe('streamCompletion names a recognised server once', () => {
  let server: FakeOpenAI;
  before(async () => {
    server = await startFakeOpenAI(async (ctx) => {
      startStream(ctx);
      ctx.res.write(sseData({ ...LLAMA_CPP, choices: [{ text: 'return', index: 0, finish_reason: null }] }));
      const usage = { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 };
      ctx.res.write(sseData({ ...LLAMA_CPP, choices: [{ text: ' 1', index: 0, finish_reason: 'stop' }], usage, timings: { prompt_n: 5 } }));
      ctx.res.end(sseData('[DONE]'));
    });
  });
  after(async () => {
    await server.close();
    await closeAgents();
  });

  it('before the first text, and usage from the final chunk is read', async () => {
    const events: StreamEvent[] = [];
    for await (const ev of streamCompletion({ model: 'm', prompt: 'p', maxTokens: 8 }, fakeEndpoint(server, ''))) events.push(ev);
    assert.deepEqual(events.map((e) => e.type), ['server', 'delta', 'delta', 'finish', 'usage']);
    assert.deepEqual(events[0], { type: 'server', server: 'llama.cpp' });
  });
});
