import * as assert from 'node:assert/strict';
import { CompletionError } from '../../../src/core/completionError';
import { createSSEDecoder, parseSSE, type SSEEvent } from '../../../src/openai/sseStream';

const enc = new TextEncoder();

async function* chunksOf(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield p;
}

async function collect(parts: Uint8Array[]): Promise<SSEEvent[]> {
  const out: SSEEvent[] = [];
  for await (const e of parseSSE(chunksOf(parts))) out.push(e);
  return out;
}

/** Splits bytes at the given offsets. */
function splitAt(bytes: Uint8Array, ...cuts: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let from = 0;
  for (const c of [...cuts, bytes.length]) {
    out.push(bytes.subarray(from, c));
    from = c;
  }
  return out;
}

const texts = ['caf', 'é = "€"', ' 😀', ' 漢字かな', '\n\tdone'];
function streamBytes(lineEnding: string): Uint8Array {
  let s = ': keep-alive comment' + lineEnding + lineEnding;
  for (const t of texts) {
    s += `data: ${JSON.stringify({ choices: [{ text: t, index: 0, logprobs: null, finish_reason: null }] })}${lineEnding}${lineEnding}`;
  }
  // A multi-line data field (joined with \n by the SSE rules).
  s += `data: {"multi":${lineEnding}data: true}${lineEnding}${lineEnding}`;
  s += `data: [DONE]${lineEnding}${lineEnding}`;
  return enc.encode(s);
}

function textOf(events: SSEEvent[]): string {
  return events
    .filter((e) => e.data.includes('choices'))
    .map((e) => JSON.parse(e.data).choices[0].text)
    .join('');
}

describe('sseStream', () => {
  for (const [name, le] of [['\\n', '\n'], ['\\r\\n', '\r\n'], ['\\r', '\r']] as const) {
    it(`gives identical events for every split point (${name} line endings, multi-byte characters)`, async () => {
      const bytes = streamBytes(le);
      const whole = await collect([bytes]);
      assert.equal(textOf(whole), texts.join(''));
      assert.deepEqual(whole.slice(-2).map((e) => e.data), ['{"multi":\ntrue}', '[DONE]']);
      for (let cut = 1; cut < bytes.length; cut++) {
        assert.deepEqual(await collect(splitAt(bytes, cut)), whole, `split at byte ${cut}`);
      }
    });
  }

  it('gives identical events for every pair of split points and for one byte per chunk', async () => {
    const bytes = streamBytes('\r\n');
    const whole = await collect([bytes]);
    assert.deepEqual(await collect([...bytes].map((b) => Uint8Array.of(b))), whole);
    // Pairs of cuts around the multi-byte characters and CRLFs (the full square would be slow and adds nothing).
    for (let a = 1; a < bytes.length; a += 3) {
      for (let b = a + 1; b < Math.min(bytes.length, a + 12); b++) {
        assert.deepEqual(await collect(splitAt(bytes, a, b)), whole, `split at ${a},${b}`);
      }
    }
  });

  it('keeps a 4-byte emoji whole when each of its bytes arrives alone', async () => {
    const bytes = enc.encode('data: 😀\n\n');
    const parts = splitAt(bytes, 6, 7, 8, 9);
    assert.deepEqual(await collect(parts), [{ data: '😀' }]);
  });

  it('reports event names and ids, and llama.cpp\'s bare "error:" line as an error event', async () => {
    const events = await collect([enc.encode('event: error\ndata: {"error":{"message":"x"}}\n\nerror: {"code":500,"message":"boom"}\n\nid: 7\ndata: y\n\n')]);
    assert.deepEqual(events, [
      { event: 'error', data: '{"error":{"message":"x"}}' },
      { event: 'error', data: '{"code":500,"message":"boom"}' },
      { id: '7', data: 'y' },
    ]);
  });

  it('at the end of the body: delivers a last event whose lines are complete, drops a truncated line', async () => {
    assert.deepEqual(await collect([enc.encode('data: [DONE]\n')]), [{ data: '[DONE]' }]);
    assert.deepEqual(await collect([enc.encode('data: a\r\rdata: b\r')]), [{ data: 'a' }, { data: 'b' }]);
    assert.deepEqual(await collect([enc.encode('data: a\n\ndata: {"choices":[{"te')]), [{ data: 'a' }]);
  });

  it('fails with a protocol error on a line that never ends instead of buffering without bound', () => {
    const d = createSSEDecoder({ maxBufferSize: 1000 });
    assert.throws(
      () => {
        for (let i = 0; i < 20; i++) d.push(enc.encode('x'.repeat(100)));
      },
      (e: unknown) => e instanceof CompletionError && e.kind === 'protocol',
    );
  });
});
