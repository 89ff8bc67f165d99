// A server (or a gateway in front of it) that compresses although we asked for identity: known codings are
// decoded, for error bodies and event streams alike; anything else is named, never "ended before complete".

import * as assert from 'node:assert/strict';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { streamCompletion } from '../../../src/openai/client';
import { checkKey } from '../../../src/openai/models';
import type { CompletionRequest, StreamEvent } from '../../../src/core/ports';
import { completionChunk, sseData, writeRaw, fakeEndpoint, type FakeOpenAI } from '../../support/fakeOpenAI';
import { streamFailure as failure } from '../../support/streamAssertions';
import { useFakeOpenAI } from '../../support/useFakeOpenAI';

const KEY = 'sk-test-AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const REQ: CompletionRequest = { model: 'gpt-3.5-turbo-instruct', prompt: 'x', maxTokens: 16 };

const STREAM =
  sseData(completionChunk([{ index: 0, text: 'Hello' }])) +
  sseData(completionChunk([{ index: 0, text: ', gzip' }])) +
  sseData(completionChunk([{ index: 0, text: '', finish_reason: 'stop' }])) +
  sseData('[DONE]');

async function text(gen: AsyncGenerator<StreamEvent>): Promise<string> {
  let out = '';
  for await (const ev of gen) if (ev.type === 'delta') out += ev.text;
  return out;
}

describe('Content-Encoding the client did not ask for', () => {
  let server: FakeOpenAI;
  useFakeOpenAI((started) => (server = started));

  it('still asks for identity', async () => {
    await text(streamCompletion(REQ, fakeEndpoint(server, KEY)));
    assert.equal(server.requests[0]!.headers['accept-encoding'], 'identity');
  });

  it('a gzip event stream is decoded, even split across network reads', async () => {
    const gz = gzipSync(STREAM);
    const pieces = [gz.subarray(0, 7), gz.subarray(7, 30), gz.subarray(30)];
    server.setHandler((ctx) => writeRaw(ctx, pieces, { headers: { 'content-encoding': 'gzip' } }));
    assert.equal(await text(streamCompletion(REQ, fakeEndpoint(server, KEY))), 'Hello, gzip');
  });

  it('a brotli event stream is decoded', async () => {
    server.setHandler((ctx) => writeRaw(ctx, [brotliCompressSync(STREAM)], { headers: { 'content-encoding': 'br' } }));
    assert.equal(await text(streamCompletion(REQ, fakeEndpoint(server, KEY))), 'Hello, gzip');
  });

  it('a gzip error body gives the server message and the right kind', async () => {
    const body = gzipSync(JSON.stringify({ error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } }));
    server.setHandler((ctx) => writeRaw(ctx, [body], { status: 401, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } }));
    const err = await failure(streamCompletion(REQ, fakeEndpoint(server, KEY)), 'unauthorized');
    assert.match(err.message, /Incorrect API key provided\./);
    assert.equal(err.code, 'invalid_api_key');
    // The key check reads its body the same way.
    const checked = await checkKey(fakeEndpoint(server, KEY));
    assert.ok(!checked.ok && checked.error.kind === 'unauthorized' && /Incorrect API key/.test(checked.error.message));
  });

  it('a corrupt gzip body is a protocol error that says so', async () => {
    const gz = gzipSync(STREAM);
    gz.fill(0x41, 20, 40);
    server.setHandler((ctx) => writeRaw(ctx, [gz], { headers: { 'content-encoding': 'gzip' } }));
    const err = await failure(streamCompletion(REQ, fakeEndpoint(server, KEY)), 'protocol');
    assert.match(err.message, /gzip-compressed response that could not be decompressed/);
  });

  it('an unknown coding is a protocol error naming it', async () => {
    server.setHandler((ctx) => writeRaw(ctx, [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3])], { headers: { 'content-encoding': 'zstd' } }));
    const err = await failure(streamCompletion(REQ, fakeEndpoint(server, KEY)), 'protocol');
    assert.match(err.message, /compressed with "zstd" \(Content-Encoding\)/);
  });
});
