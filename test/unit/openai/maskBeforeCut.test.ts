// A key is masked before any text is cut for a message: a key straddling the cut would otherwise leave a prefix
// that no longer matches the whole key, and part of it would reach the user.

import * as assert from 'node:assert/strict';
import { streamCompletion } from '../../../src/openai/client';
import type { CompletionRequest } from '../../../src/core/ports';
import { writeRaw, fakeEndpoint, type FakeOpenAI } from '../../support/fakeOpenAI';
import { streamFailure as failure } from '../../support/streamAssertions';
import { useFakeOpenAI } from '../../support/useFakeOpenAI';

// Azure-style: 32 hex characters, no "sk-" prefix that the pattern-based masking would catch.
const AZURE_KEY = '9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c';
const REQ: CompletionRequest = { model: 'gpt-3.5-turbo-instruct', prompt: 'x', maxTokens: 16 };

/** No run of 6 or more characters of the key anywhere in the text. */
function assertNoKeyPart(text: string): void {
  for (let i = 0; i + 6 <= AZURE_KEY.length; i++) {
    assert.ok(!text.includes(AZURE_KEY.slice(i, i + 6)), `part of the key "${AZURE_KEY.slice(i, i + 6)}" in: ${text}`);
  }
}

describe('masking happens before cutting', () => {
  let server: FakeOpenAI;
  useFakeOpenAI((started) => (server = started));

  it('a plain-text error body with the key across the 200-character cut', async () => {
    // The key starts at character 181: the cut at 200 would keep its first 19 characters.
    const body = `${'Denied. '.repeat(22)}key=${AZURE_KEY} is not valid for this resource.`;
    assert.ok(body.indexOf(AZURE_KEY) < 200 && body.indexOf(AZURE_KEY) + AZURE_KEY.length > 200);
    server.setHandler((ctx) => writeRaw(ctx, [body], { status: 401, headers: { 'content-type': 'text/plain' } }));
    const err = await failure(streamCompletion(REQ, fakeEndpoint(server, AZURE_KEY)), 'unauthorized');
    assert.match(err.message, /key=\*\*\*/);
    for (const text of [err.message, err.stack ?? '']) assertNoKeyPart(text);
  });

  it('a stream error event that is not JSON, with the key across the cut', async () => {
    const data = `${'upstream failure; '.repeat(10)}${'x'.repeat(5)}${AZURE_KEY} rejected`;
    server.setHandler((ctx) => writeRaw(ctx, [`event: error\ndata: ${data}\n\n`]));
    const err = await failure(streamCompletion(REQ, fakeEndpoint(server, AZURE_KEY)), 'server');
    assertNoKeyPart(err.message);
    assertNoKeyPart(err.serverMessage ?? '');
  });

  it('event stream data that is not JSON, with the key across the 60-character cut', async () => {
    const data = `${'y'.repeat(45)}${AZURE_KEY}`;
    server.setHandler((ctx) => writeRaw(ctx, [`data: ${data}\n\n`]));
    const err = await failure(streamCompletion(REQ, fakeEndpoint(server, AZURE_KEY)), 'protocol');
    assert.match(err.message, /not JSON/);
    assertNoKeyPart(err.message);
  });
});
