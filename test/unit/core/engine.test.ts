import * as assert from 'node:assert/strict';
import { CompletionEngine, type RequestReport } from '../../../src/core/engine';
import type { CompletionInput } from '../../../src/core/input/completionInput';
import { endpointFor } from '../../../src/core/endpointConfig';
import { DEFAULT_SETTINGS, type CompletionSettings } from '../../../src/core/settings';
import { streamCompletion } from '../../../src/openai/client';
import {
  sendError,
  sleep,
  startFakeOpenAI,
  streamChunks,
  type FakeContext,
  type FakeOpenAI,
} from '../../support/fakeOpenAI';
import { inputAtCursor, typeAt } from '../../support/cursorFixture';

/** A document with a cursor marker, as the editor adapter would describe it. */
function inputAt(
  docWithCursor: string,
  settings: CompletionSettings,
  extra: Partial<CompletionInput> = {},
): CompletionInput {
  const input = inputAtCursor(docWithCursor, settings, { uri: 'file:///project/add.py', apiKey: 'sk-test-engine' });
  return { ...input, ...extra };
}

describe('CompletionEngine (real client, loopback server)', () => {
  let server: FakeOpenAI;
  let engine: CompletionEngine;
  let settings: CompletionSettings;
  let reports: RequestReport[];

  beforeEach(async () => {
    server = await startFakeOpenAI();
    settings = {
      ...DEFAULT_SETTINGS,
      provider: 'openai-compatible',
      baseUrl: server.baseUrl,
      debounceMs: 30,
      timeouts: { connectMs: 2000, firstByteMs: 2000, idleMs: 2000 },
    };
    engine = new CompletionEngine({ stream: streamCompletion, endpointFor });
    reports = [];
    engine.onDidFinishRequest.on((r) => reports.push(r));
  });

  afterEach(async () => {
    engine.dispose();
    await server.close();
  });

  const live = () => new AbortController();

  it('shows the streamed text as one suggestion and sends prompt and suffix', async () => {
    server.setHandler((ctx) => streamChunks(ctx, { choices: [['return', ' a', ' + b']] }));
    const doc = 'def add(a, b):\n    █\n\nprint(add(1, 2))\n';
    const result = await engine.complete(inputAt(doc, settings), live().signal);
    assert.deepEqual(result, [{ text: 'return a + b', replaceSuffixChars: 0 }]);
    assert.equal(server.requestCount, 1);
    const body = server.requests[0].body;
    assert.equal(body.prompt, 'def add(a, b):\n    ');
    assert.equal(body.suffix, '\n\nprint(add(1, 2))\n');
    assert.equal(body.stream, true);
    assert.equal(body.n, undefined, 'automatic triggers ask for one choice');
  });

  it('serves typing through a shown suggestion, and Backspace, with zero requests', async () => {
    server.setHandler((ctx) => streamChunks(ctx, { choices: [['return a + b']] }));
    const doc = 'def add(a, b):\n    █\n';
    await engine.complete(inputAt(doc, settings), live().signal);
    assert.equal(server.requestCount, 1);

    for (const typed of ['r', 're', 'ret', 'return a', 'return a +']) {
      const result = await engine.complete(inputAt(typeAt(doc, typed), settings), live().signal);
      assert.deepEqual(result.map((r) => r.text), ['return a + b'.slice(typed.length)], `after typing ${JSON.stringify(typed)}`);
    }
    // Backspace back to where the suggestion was first shown.
    const back = await engine.complete(inputAt(doc, settings), live().signal);
    assert.deepEqual(back.map((r) => r.text), ['return a + b']);
    assert.equal(server.requestCount, 1, 'no request while typing through or backspacing');
  });

  it('does not reuse one file\'s answer in another file with the same text', async () => {
    server.setHandler((ctx) => streamChunks(ctx, { choices: [[`answer ${ctx.index}`]] }));
    const doc = 'x = █\n';
    await engine.complete(inputAt(doc, settings), live().signal);
    const other = await engine.complete(inputAt(doc, settings, { editorKey: 'file:///project/other.py' }), live().signal);
    assert.deepEqual(other.map((s) => s.text), ['answer 1']);
    assert.equal(server.requestCount, 2);
  });

  it('asks again when the user types something the suggestion did not predict', async () => {
    server.setHandler((ctx) => streamChunks(ctx, { choices: [['return a + b']] }));
    const doc = 'def add(a, b):\n    █\n';
    await engine.complete(inputAt(doc, settings), live().signal);
    await engine.complete(inputAt(typeAt(doc, 'x'), settings), live().signal);
    assert.equal(server.requestCount, 2);
    assert.equal(server.requests[1].body.prompt, 'def add(a, b):\n    x');
  });

  it('debounces a burst of keystrokes into one request', async () => {
    server.setHandler((ctx) => streamChunks(ctx, { choices: [['pass']] }));
    let doc = 'def f():\n    █\n';
    const calls: Array<Promise<unknown>> = [];
    let previous: AbortController | undefined;
    for (const ch of 'import os') {
      previous?.abort(); // VS Code cancels the previous call on each keystroke
      previous = live();
      doc = typeAt(doc, ch);
      calls.push(engine.complete(inputAt(doc, settings), previous.signal));
      await sleep(5);
    }
    await Promise.all(calls);
    assert.equal(server.requestCount, 1);
    assert.equal(server.requests[0].body.prompt, 'def f():\n    import os');
  });

  it('aborts a superseded request: the server sees the disconnect', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    server.setHandler(async (ctx: FakeContext) => {
      if (ctx.index === 0) {
        await streamChunks(ctx, { choices: [['first line\n', 'never sent']], beforeChunk: (i) => (i === 1 ? gate : undefined) });
      } else {
        await streamChunks(ctx, { choices: [['other']] });
      }
    });
    const doc = 'x = 1\n█\n';
    const first = engine.complete(inputAt(doc, settings), live().signal);
    assert.deepEqual((await first).map((s) => s.text), ['first line']);
    // The user moves on somewhere the stream cannot serve.
    const second = await engine.complete(inputAt(typeAt(doc, 'y'), settings), live().signal);
    await server.waitForDisconnects(1);
    release();
    assert.deepEqual(second.map((s) => s.text), ['other']);
    assert.equal(server.requestCount, 2);
    assert.equal(reports[0].cancelled, true);
  });

  it('never shows the fragment of a cancelled stream when the user comes back', async () => {
    server.setHandler(async (ctx: FakeContext) => {
      if (ctx.index === 0) {
        await streamChunks(ctx, { choices: [['retu', 'rn a\n']], beforeChunk: (i) => (i === 1 ? sleep(3000) : undefined) });
      } else {
        await streamChunks(ctx, { choices: [[`answer ${ctx.index}`]] });
      }
    });
    const doc = 'def add(a, b):\n    █\n';
    const controller = live();
    const first = engine.complete(inputAt(doc, settings), controller.signal);
    await server.waitForRequests(1);
    await sleep(50);
    controller.abort();
    await first;
    // Typing something else supersedes the stalled stream...
    await engine.complete(inputAt(typeAt(doc, 'x'), settings), live().signal);
    await server.waitForDisconnects(1);
    // ...and Backspace back to where it started asks again instead of showing "retu".
    const back = await engine.complete(inputAt(doc, settings), live().signal);
    assert.deepEqual(back.map((s) => s.text), ['answer 2']);
    assert.equal(server.requestCount, 3);
  });

  it('asks anew when the answer that streamed does not continue what the user typed meanwhile', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    server.setHandler(async (ctx: FakeContext) => {
      if (ctx.index === 0) await streamChunks(ctx, { choices: [['print(1)']], beforeChunk: () => gate });
      else await streamChunks(ctx, { choices: [['rn a + b']] });
    });
    const doc = 'def add(a, b):\n    █\n';
    const controller = live();
    const first = engine.complete(inputAt(doc, settings), controller.signal);
    await server.waitForRequests(1);
    controller.abort();
    await first;
    // Nothing has streamed yet, so the keystroke waits on the request in flight...
    const typed = engine.complete(inputAt(typeAt(doc, 'retu'), settings), live().signal);
    release();
    // ...which answers something else: the keystroke gets its own request and answer.
    assert.deepEqual((await typed).map((s) => s.text), ['rn a + b']);
    assert.equal(server.requestCount, 2);
    assert.equal(server.requests[1].body.prompt, 'def add(a, b):\n    retu');
  });

  it('asks nothing more at the end of an accepted answer, and asks anew on the next line', async () => {
    const doc = '█\n';
    // Accepted whole, exactly as shown: nothing to ask.
    const exact = '█';
    server.setHandler((ctx) => streamChunks(ctx, { choices: [[ctx.index === 0 ? 'import re' : 'import sys']] }));
    await engine.complete(inputAt(exact, settings, { editorKey: 'file:///exact.py' }), live().signal);
    assert.deepEqual(await engine.complete(inputAt(typeAt(exact, 'import re'), settings, { editorKey: 'file:///exact.py' }), live().signal), []);
    assert.equal(server.requestCount, 1);
    server.setHandler((ctx) => streamChunks(ctx, { choices: [[ctx.index === 1 ? 'import os\n\n' : 'import sys']] }));
    assert.deepEqual((await engine.complete(inputAt(doc, settings), live().signal)).map((s) => s.text), ['import os']);
    // Accepting it (or typing all of it) leaves nothing to show, and the model said it ends there.
    assert.deepEqual(await engine.complete(inputAt(typeAt(doc, 'import os'), settings), live().signal), []);
    assert.equal(server.requestCount, 2);
    // Enter moves past it: the new line gets its own answer.
    const atEnd = await engine.complete(inputAt(typeAt(doc, 'import os\n'), settings), live().signal);
    assert.deepEqual(atEnd.map((s) => s.text), ['import sys']);
    assert.equal(server.requestCount, 3);
  });

  it('keeps the stream when the user types exactly what is streaming in', async () => {
    const gates = [0, 1].map(() => {
      let open!: () => void;
      const promise = new Promise<void>((r) => (open = r));
      return { promise, open };
    });
    server.setHandler((ctx) =>
      streamChunks(ctx, {
        choices: [['total = 0\n', 'for x in xs:\n', '    total += x']],
        beforeChunk: (i) => (i >= 1 ? gates[i - 1].promise : undefined),
      }),
    );
    const doc = 'def s(xs):\n    █\n';
    assert.deepEqual((await engine.complete(inputAt(doc, settings), live().signal)).map((s) => s.text), ['total = 0']);
    const typed = await engine.complete(inputAt(typeAt(doc, 'tot'), settings), live().signal);
    assert.deepEqual(typed.map((s) => s.text), ['al = 0']);
    gates[0].open();
    // Typed ahead onto the next line while it streams: still served by the same stream.
    const ahead = await engine.complete(inputAt(typeAt(doc, 'total = 0\nfo'), settings), live().signal);
    assert.deepEqual(ahead.map((s) => s.text), ['r x in xs:']);
    gates[1].open();
    while (reports.length === 0) await sleep(5);
    assert.equal(server.requestCount, 1);
    assert.equal(server.disconnects, 0);
    assert.equal(reports[0].cancelled, false);
  });

  it('shows the first complete line at once and never re-asks a shown suggestion; the next call gets all of it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    server.setHandler((ctx) =>
      streamChunks(ctx, { choices: [['a = 1\n', 'b = 2\n', '\n', '\n']], beforeChunk: (i) => (i === 1 ? gate : undefined) }),
    );
    const doc = 'def f():\n    █\n';
    const first = await engine.complete(inputAt(doc, settings), live().signal);
    assert.deepEqual(first.map((s) => s.text), ['a = 1'], 'the first complete line shows at once');
    release();
    while (reports.length === 0) await sleep(5);
    const later = await engine.complete(inputAt(doc, settings), live().signal);
    assert.deepEqual(later.map((s) => s.text), ['a = 1\nb = 2']);
    assert.equal(server.requestCount, 1);
  });

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
});
