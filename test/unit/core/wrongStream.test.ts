import * as assert from 'node:assert/strict';
import { delay } from '../../../src/core/debounce';
import { CompletionEngine } from '../../../src/core/engine';
import { endpointFor } from '../../../src/core/endpointConfig';
import { DEFAULT_SETTINGS, type CompletionSettings } from '../../../src/core/settings';
import { streamCompletion } from '../../../src/openai/client';
import { completionChunk, sleep, startFakeOpenAI, startStream, streamChunks, writeChunk, type FakeContext, type FakeOpenAI } from '../../support/fakeOpenAI';
import { inputAtCursor, typeAt } from '../../support/cursorFixture';

// The user typed `def s10_sub(a, b):`, paused (a request left), then pressed Enter: the engine
// adopts that request for the new line. Its answer starts with a comment for the old line.
const DOC = 'def s10_sub(a, b):█\n';
const ENTER = '\n    ';
const WRONG = '  # TODO';

/** Server-side times of the first disagreeing token and of the client's disconnect. */
interface WrongStreamTimes {
  tokenAt?: number;
  closedAt?: number;
}

describe('an adopted stream that contradicts the typing is dropped at once', () => {
  let server: FakeOpenAI;
  let engine: CompletionEngine;
  let settings: CompletionSettings;
  let sleeps: number[];
  let times: WrongStreamTimes;
  let release: () => void;

  beforeEach(async () => {
    times = {};
    const gate = new Promise<void>((r) => (release = r));
    server = await startFakeOpenAI(async (ctx: FakeContext) => {
      if (ctx.index > 0) return streamChunks(ctx, { choices: [['return a - b']] });
      startStream(ctx);
      void ctx.closed.then(() => (times.closedAt = performance.now()));
      await gate;
      // The wrong first token, then more of the same, slowly, as a model would go on.
      for (let i = 0; i < 20 && !ctx.isClosed(); i++) {
        times.tokenAt ??= performance.now();
        if (!writeChunk(ctx, completionChunk([{ index: 0, text: i === 0 ? WRONG : ' more' }]))) return;
        await Promise.race([sleep(100), ctx.closed]);
      }
    });
    settings = {
      ...DEFAULT_SETTINGS,
      provider: 'openai-compatible',
      baseUrl: server.baseUrl,
      debounceMs: 30,
      timeouts: { connectMs: 2000, firstByteMs: 5000, idleMs: 5000 },
    };
    sleeps = [];
    const recordingDelay = (ms: number, signal?: AbortSignal): Promise<void> => {
      sleeps.push(ms);
      return delay(ms, signal);
    };
    engine = new CompletionEngine({ stream: streamCompletion, endpointFor, delay: recordingDelay });
  });

  afterEach(async () => {
    engine.dispose();
    await server.close();
  });

  const inputAt = (doc: string) => inputAtCursor(doc, settings, { uri: 'file:///project/sub.py', apiKey: 'sk-test' });

  /** The pause before Enter: a request leaves, then Enter cancels its provider call. */
  async function pauseThenEnter(): Promise<{ enter: Promise<string[]>; enterCall: AbortController }> {
    const paused = new AbortController();
    const first = engine.complete(inputAt(DOC), paused.signal);
    await server.waitForRequests(1);
    paused.abort();
    await first;
    const enterCall = new AbortController();
    const enter = engine.complete(inputAt(typeAt(DOC, ENTER)), enterCall.signal).then((s) => s.map((x) => x.text));
    return { enter, enterCall };
  }

  function assertClosedSoonAfterToken(): void {
    assert.ok(times.tokenAt !== undefined && times.closedAt !== undefined, 'token written and connection closed');
    const ms = times.closedAt - times.tokenAt;
    assert.ok(ms < 50, `the wrong stream stayed open ${ms.toFixed(0)} ms after its first disagreeing token`);
  }

  it('closes the stream within 50 ms of its first wrong token and asks anew without a second debounce', async () => {
    const { enter } = await pauseThenEnter();
    // The user keeps pausing after Enter, longer than the debounce.
    await sleep(settings.debounceMs * 2);
    const sleepsBefore = sleeps.length;
    release();
    assert.deepEqual(await enter, ['return a - b']);
    await server.waitForDisconnects(1);
    assertClosedSoonAfterToken();
    assert.equal(server.requestCount, 2);
    assert.ok(String(server.requests[1].body.prompt).endsWith(`def s10_sub(a, b):${ENTER}`));
    assert.equal(sleeps.length, sleepsBefore, 'the pause had already paid the debounce: no second wait');
  });

  it('closes it just as fast when no provider call is waiting on it, and sends nothing by itself', async () => {
    const { enter, enterCall } = await pauseThenEnter();
    enterCall.abort();
    assert.deepEqual(await enter, []);
    release();
    await server.waitForDisconnects(1);
    assertClosedSoonAfterToken();
    assert.equal(server.requestCount, 1, 'nobody waits: the next keystroke asks');
    const next = await engine.complete(inputAt(typeAt(DOC, ENTER)), new AbortController().signal);
    assert.deepEqual(next.map((s) => s.text), ['return a - b']);
    assert.equal(server.requestCount, 2);
  });
});
