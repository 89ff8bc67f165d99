// What one request serves: typing through, debouncing, aborting what is superseded, adopting a
// stream that still fits, and showing its first line at once.

import * as assert from 'node:assert/strict';
import type { CompletionEngine, RequestReport } from '../../../../src/core/engine';
import { sleep, streamChunks, type FakeContext, type FakeOpenAI } from '../../../support/fakeOpenAI';
import { typeAt } from '../../../support/cursorFixture';
import type { CompletionSettings } from '../../../../src/core/settings';
import { inputAt, live, useEngine } from './harness';

describe('CompletionEngine: reuse (real client, loopback server)', () => {
  let server: FakeOpenAI;
  let engine: CompletionEngine;
  let settings: CompletionSettings;
  let reports: RequestReport[];
  useEngine((h) => ({ server, engine, settings, reports } = h));

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

});
