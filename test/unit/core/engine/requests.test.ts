// What a request asks for and how the engine handles the answer: stop sequences, one line or
// several, alternatives, a server that rejects `suffix`, errors and rate limits, cancellation.

import * as assert from 'node:assert/strict';
import type { CompletionEngine, RequestReport } from '../../../../src/core/engine';
import { sendError, sleep, streamChunks, type FakeOpenAI } from '../../../support/fakeOpenAI';
import { typeAt } from '../../../support/cursorFixture';
import type { CompletionSettings } from '../../../../src/core/settings';
import { inputAt, live, useEngine } from './harness';

describe('CompletionEngine: requests (real client, loopback server)', () => {
  let server: FakeOpenAI;
  let engine: CompletionEngine;
  let settings: CompletionSettings;
  let reports: RequestReport[];
  useEngine((h) => ({ server, engine, settings, reports } = h));

  it('sends at most 4 stop sequences and enforces the rest, closing the stream at once', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    server.setHandler((ctx) =>
      streamChunks(ctx, {
        choices: [['x = 1\n', 'x = 2\n#EN', 'D-HERE\n', 'wasted tokens']],
        beforeChunk: (i) => (i === 3 ? gate : undefined),
      }),
    );
    const custom = { ...settings, stop: ['@@1', '@@2', '@@3', '@@4', '#END-HERE'] };
    const doc = 'def f():\n    █\n';
    await engine.complete(inputAt(doc, custom), live().signal);
    assert.deepEqual(server.requests[0].body.stop, ['@@1', '@@2', '@@3', '@@4']);
    // The fifth stop arrives split across chunks; the stream is closed before the rest is sent.
    await server.waitForDisconnects(1);
    release();
    const result = await engine.complete(inputAt(doc, custom), live().signal);
    assert.deepEqual(result.map((s) => s.text), ['x = 1\nx = 2']);
    assert.equal(server.requestCount, 1);
  });

  it('asks for one line only when text follows the cursor on its line', async () => {
    server.setHandler((ctx) => streamChunks(ctx, { choices: [['a, b']] }));
    const result = await engine.complete(inputAt('print(█, end="")\n', settings), live().signal);
    assert.deepEqual(server.requests[0].body.stop, ['\n']);
    assert.deepEqual(result, [{ text: 'a, b', replaceSuffixChars: 0 }]);
  });

  it('asks for alternatives on an explicit trigger and returns them all', async () => {
    server.setHandler((ctx) => streamChunks(ctx, { choices: [['return a + b'], ['return b + a'], ['return sum((a, b))']] }));
    const doc = 'def add(a, b):\n    █\n';
    const result = await engine.complete(inputAt(doc, settings, { explicit: true }), live().signal);
    assert.equal(server.requests[0].body.n, 3);
    // VS Code cycles (Alt+]) through the items of one call: all of them come together.
    assert.deepEqual(result.map((s) => s.text), ['return a + b', 'return b + a', 'return sum((a, b))']);
    // Cycled to the second one and typed into it: still served from the same answer.
    const typed = await engine.complete(inputAt(typeAt(doc, 'return b'), settings), live().signal);
    assert.deepEqual(typed.map((s) => s.text), [' + a']);
    // Accepted the third one: nothing more to show, and no request.
    assert.deepEqual(await engine.complete(inputAt(typeAt(doc, 'return sum((a, b))'), settings), live().signal), []);
    assert.equal(server.requestCount, 1);
  });

  it('Alt+\\ shows the first alternative soon, though the others come late or never', async () => {
    // One choice answers at once; the server sends nothing for the other two for a long time.
    server.setHandler((ctx) =>
      streamChunks(ctx, {
        choices: [['return a + b\n'], ['return b + a'], ['return sum((a, b))']],
        beforeChunk: (i) => (i === 1 ? sleep(1500) : undefined),
      }),
    );
    const doc = 'def add(a, b):\n    █\n';
    const started = Date.now();
    const result = await engine.complete(inputAt(doc, settings, { explicit: true }), live().signal);
    assert.deepEqual(result.map((s) => s.text), ['return a + b']);
    assert.ok(Date.now() - started < 1000, `shown after ${Date.now() - started} ms, not when the stream ended`);
  });

  it('drops `suffix` for a server that rejects it, and remembers that', async () => {
    server.setHandler((ctx) => {
      if (ctx.request.body.suffix !== undefined) {
        sendError(ctx, 400, { message: 'suffix is not supported for this model', type: 'invalid_request_error', param: 'suffix' });
        return;
      }
      return streamChunks(ctx, { choices: [['return 1']] });
    });
    const doc = 'def one():\n    █\n\nx = one()\n';
    const result = await engine.complete(inputAt(doc, settings), live().signal);
    assert.deepEqual(result.map((s) => s.text), ['return 1']);
    await engine.complete(inputAt(typeAt(doc, 'z'), settings), live().signal);
    assert.deepEqual(
      server.requests.map((r) => r.body.suffix !== undefined),
      [true, false, false],
    );
  });

  it('reports an error state and shows nothing on a server error', async () => {
    server.setHandler((ctx) => sendError(ctx, 500, { message: 'The server had an error', type: 'server_error' }));
    const states: string[] = [];
    engine.onDidChangeState.on((s) => states.push(s.state));
    const result = await engine.complete(inputAt('x = █\n', settings), live().signal);
    assert.deepEqual(result, []);
    assert.deepEqual(states, ['requesting', 'error']);
    assert.equal(reports[0].error?.kind, 'server');
  });

  it('waits out a 429 instead of hammering the server', async () => {
    server.setHandler((ctx) => sendError(ctx, 429, { message: 'Rate limit reached', type: 'requests' }, { 'retry-after': '30' }));
    const doc = 'x = █\n';
    await engine.complete(inputAt(doc, settings), live().signal);
    await engine.complete(inputAt(typeAt(doc, '1'), settings), live().signal);
    await engine.complete(inputAt(typeAt(doc, '2'), settings), live().signal);
    assert.equal(server.requestCount, 1);
  });

  it('stops the stream when the editor cancels and nobody comes back for it', async () => {
    server.setHandler((ctx) => streamChunks(ctx, { choices: [['slow\n', 'slower']], beforeChunk: () => sleep(3000) }));
    const controller = live();
    const pending = engine.complete(inputAt('def f():\n    █\n', settings), controller.signal);
    await server.waitForRequests(1);
    controller.abort();
    assert.deepEqual(await pending, []);
    await server.waitForDisconnects(1, 3000);
  });

  it('leaving an editor stops only a stream sent before the user left it', async () => {
    server.setHandler((ctx) => streamChunks(ctx, { choices: [['slow\n', 'slower']], beforeChunk: () => sleep(3000) }));
    const input = inputAt('def f():\n    █\n', settings);
    const leftAt = Date.now();
    await sleep(5);
    // Asked for after the switch began: where the user is now, so it stays.
    void engine.complete(input, live().signal);
    await server.waitForRequests(1);
    engine.abortEditor(input.editorKey, leftAt);
    await sleep(100);
    assert.equal(server.disconnects, 0, 'a stream asked for after the switch was closed');
    // Sent before the user left: closed, and the server sees it.
    engine.abortEditor(input.editorKey, Date.now());
    await server.waitForDisconnects(1, 3000);
  });
});
