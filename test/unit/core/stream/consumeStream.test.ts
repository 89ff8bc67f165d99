import * as assert from 'node:assert/strict';
import type { StreamEvent } from '../../../../src/core/ports';
import { consumeStream, maxCharsFor, newChoices } from '../../../../src/core/stream/consumeStream';

function eventsOf(list: StreamEvent[], read: { count: number }): AsyncIterable<StreamEvent> {
  return (async function* () {
    for (const e of list) {
      read.count++;
      yield e;
    }
  })();
}

describe('consumeStream', () => {
  it('closes the stream as soon as every choice hit a stop sequence', async () => {
    const read = { count: 0 };
    const choices = newChoices(2);
    const closedEarly = await consumeStream(
      eventsOf(
        [
          { type: 'delta', index: 0, text: 'a = 1\n#EN' },
          { type: 'delta', index: 1, text: 'b = 2#END' },
          { type: 'delta', index: 0, text: 'D\nmore' },
          { type: 'delta', index: 0, text: 'never read' },
        ],
        read,
      ),
      choices,
      { clientStops: ['#END'], singleLine: false, request: { maxTokens: 128 } },
    );
    assert.equal(closedEarly, true);
    assert.equal(read.count, 3);
    assert.deepEqual(choices.map((c) => c.text), ['a = 1\n', 'b = 2']);
  });

  it('cuts a single-line request at the first line break, and releases held text at the end', async () => {
    const single = newChoices(1);
    await consumeStream(eventsOf([{ type: 'delta', index: 0, text: 'foo(a)\nbar()' }], { count: 0 }), single, { clientStops: [], singleLine: true, request: { maxTokens: 128 } });
    assert.deepEqual(single[0], { text: 'foo(a)', held: '', done: true });

    const held = newChoices(1);
    await consumeStream(eventsOf([{ type: 'delta', index: 0, text: 'x = 1\n#E' }], { count: 0 }), held, { clientStops: ['#END'], singleLine: false, request: { maxTokens: 128 } });
    assert.deepEqual(held[0], { text: 'x = 1\n#E', held: '', done: true });
  });

  it('stops a choice that runs clearly past max_tokens at its last complete line, and closes the stream', async () => {
    const read = { count: 0 };
    // A server that ignores max_tokens: an endless run of lines.
    const endless = (async function* (): AsyncIterable<StreamEvent> {
      for (let i = 0; ; i++) {
        read.count++;
        yield { type: 'delta', index: 0, text: `line_${i} = ${i}  # padding\n` };
      }
    })();
    const choices = newChoices(1);
    const finishes: string[] = [];
    const closedEarly = await consumeStream(endless, choices, { clientStops: [], singleLine: false, request: { maxTokens: 16 } }, {
      onFinish: (_i, reason) => finishes.push(reason),
    });
    assert.equal(closedEarly, true);
    assert.deepEqual(finishes, ['length']);
    assert.ok(choices[0].text.length <= maxCharsFor(16), `${choices[0].text.length} characters kept`);
    assert.ok(choices[0].text.endsWith('\n') && choices[0].text.length > 0, 'only complete lines are kept');
    assert.ok(read.count < 30, `${read.count} chunks read`);
  });
});
