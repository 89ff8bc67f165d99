import * as assert from 'node:assert/strict';
import { builtInStopSequences } from '../../../../src/core/plan/stopSequences';
import { StopMatcher } from '../../../../src/core/stream/stopMatcher';
import { stream } from '../../../support/throughStops';

/** What the whole text should become: everything before the earliest stop. */
function reference(stops: string[], text: string): string {
  let at = text.length;
  for (const s of stops) {
    const i = text.indexOf(s);
    if (i !== -1 && i < at) at = i;
  }
  return text.slice(0, at);
}

describe('StopMatcher', () => {
  const cases: Array<{ name: string; stops: string[]; deltas: string[]; singleLine?: boolean; shown: string; stopped: boolean }> = [
    { name: 'passes text through when nothing matches', stops: ['\ndef '], deltas: ['return ', 'x'], shown: 'return x', stopped: false },
    { name: 'stops inside one delta', stops: ['\ndef '], deltas: ['return x\ndef g():'], shown: 'return x', stopped: true },
    { name: 'stops when the sequence is split across deltas', stops: ['\ndef '], deltas: ['return x\n', 'de', 'f g():'], shown: 'return x', stopped: true },
    { name: 'stops when every character arrives alone', stops: ['\nclass '], deltas: [...'a = 1\nclass B:'], shown: 'a = 1', stopped: true },
    { name: 'releases a held-back tail that turns out not to be a stop', stops: ['\ndef '], deltas: ['x\nd', 'one = 1'], shown: 'x\ndone = 1', stopped: false },
    { name: 'releases a partial stop left at the end of the stream', stops: ['\n\n\n'], deltas: ['x = 1\n\n'], shown: 'x = 1\n\n', stopped: false },
    { name: 'the earliest of several stops wins', stops: ['\nclass ', '\ndef '], deltas: ['a\ndef b\nclass C'], shown: 'a', stopped: true },
    { name: 'a completion that starts with a stop is empty', stops: ['\ndef '], deltas: ['\ndef f():'], shown: '', stopped: true },
    { name: 'single-line ends at the first newline', stops: [], deltas: ['foo(a)', '\nbar()'], singleLine: true, shown: 'foo(a)', stopped: true },
    { name: 'single-line ends before a CRLF', stops: [], deltas: ['foo(a)\r', '\nbar()'], singleLine: true, shown: 'foo(a)', stopped: true },
    { name: 'single-line output starting with a newline is empty', stops: [], deltas: ['\nfoo'], singleLine: true, shown: '', stopped: true },
    { name: 'single-line still honours other stops', stops: ['//'], deltas: ['x = 1 // note'], singleLine: true, shown: 'x = 1 ', stopped: true },
    { name: 'empty stop strings are ignored', stops: [''], deltas: ['abc'], shown: 'abc', stopped: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(stream(c.stops, c.deltas, c.singleLine), { shown: c.shown, stopped: c.stopped });
    });
  }

  it('holds back only a tail that could start a stop sequence', () => {
    const m = new StopMatcher(['\ndef ']);
    assert.deepEqual(m.push('x = 1\nd'), { text: 'x = 1', stopped: false });
    assert.equal(m.heldBack, '\nd');
    assert.deepEqual(m.push('x'), { text: '\ndx', stopped: false });
    assert.equal(m.heldBack, '');
    assert.deepEqual(m.push('yz'), { text: 'yz', stopped: false });
  });

  it('releases nothing more once stopped, and reports the stop that matched', () => {
    const m = new StopMatcher(['\nclass ', '\ndef ']);
    assert.deepEqual(m.push('a\ndef b'), { text: 'a', stopped: true });
    assert.deepEqual(m.push('more'), { text: '', stopped: true });
    assert.equal(m.flush(), '');
    assert.equal(m.stopSequence, '\ndef ');
  });

  it('matches the reference result for any way the stream is split', () => {
    const stops = ['\ndef ', '\nclass ', '\n\n\n', 'END'];
    const text = 'x = 1\n\ndefault = 2\n\n  class A:\n\nEN\nE\nclass B:\n\n\ndef f(): END';
    let seed = 42;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 300; trial++) {
      const deltas: string[] = [];
      for (let i = 0; i < text.length; ) {
        const n = 1 + Math.floor(random() * 6);
        deltas.push(text.slice(i, i + n));
        i += n;
      }
      for (let cut = 0; cut <= text.length; cut += 7) {
        const sub = text.slice(0, cut);
        const subDeltas: string[] = [];
        let used = 0;
        for (const d of deltas) {
          if (used >= cut) break;
          subDeltas.push(d.slice(0, cut - used));
          used += d.length;
        }
        assert.equal(stream(stops, subDeltas).shown, reference(stops, sub), JSON.stringify(subDeltas));
      }
    }
  });

  it('keeps up with a long stream of tiny deltas', () => {
    const m = new StopMatcher(builtInStopSequences('typescript'));
    const line = '  const value = compute(a, b); // explain\n';
    const started = performance.now();
    let shown = 0;
    for (let i = 0; i < 5000; i++) for (const ch of line) shown += m.push(ch).text.length;
    shown += m.flush().length;
    assert.equal(shown, line.length * 5000);
    assert.ok(performance.now() - started < 1000, 'one character at a time must stay cheap');
  });
});
