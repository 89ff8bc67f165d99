import * as assert from 'node:assert/strict';
import { endpointFor } from '../../../../src/core/endpointConfig';
import type { CompletionRequest, StreamEvent, StreamFn } from '../../../../src/core/ports';
import { DEFAULT_SETTINGS, type CompletionSettings } from '../../../../src/core/settings';
import { newChoices } from '../../../../src/core/stream/consumeStream';
import { RequestRunner } from '../../../../src/core/stream/requestRunner';
import { inputAtCursor } from '../../../support/cursorFixture';

/** A server that signs its answers as `server` and takes whatever it is sent. */
function signed(server: 'llama.cpp' | 'ollama', sent: CompletionRequest[]): StreamFn {
  return async function* (request): AsyncIterable<StreamEvent> {
    sent.push(request);
    yield { type: 'server', server };
    yield { type: 'delta', index: 0, text: 'return 1' };
    yield { type: 'finish', index: 0, reason: 'stop' };
  };
}

describe('RequestRunner: recognised servers', () => {
  const settings: CompletionSettings = { ...DEFAULT_SETTINGS, provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:8080/v1' };
  const doc = 'def one():\n    █\n\nx = one()\n';

  async function twice(server: 'llama.cpp' | 'ollama', over: Partial<CompletionSettings> = {}) {
    const sent: CompletionRequest[] = [];
    const notes: string[] = [];
    const runner = new RequestRunner({ stream: signed(server, sent), endpointFor });
    runner.servers.onNote.on((n) => notes.push(n));
    const input = inputAtCursor(doc, { ...settings, ...over });
    for (let i = 0; i < 2; i++) await runner.run(input, runner.plan(input, 1), newChoices(1), new AbortController().signal);
    return { sent, notes };
  }

  it("stops sending suffix to llama.cpp's server, which drops it, and says so once", async () => {
    const { sent, notes } = await twice('llama.cpp');
    assert.deepEqual(sent.map((r) => r.suffix !== undefined), [true, false]);
    assert.equal(notes.length, 1);
    assert.match(notes[0]!, /llama\.cpp's server ignores the text after the cursor/);
  });

  it('keeps sending it when the user asked for suffix always', async () => {
    const { sent } = await twice('llama.cpp', { useSuffix: 'always' });
    assert.deepEqual(sent.map((r) => r.suffix !== undefined), [true, true]);
  });

  it('keeps fill-in-the-middle for Ollama, which passes suffix to the model', async () => {
    const { sent, notes } = await twice('ollama');
    assert.deepEqual(sent.map((r) => r.suffix !== undefined), [true, true]);
    assert.deepEqual(notes, []);
  });
});
