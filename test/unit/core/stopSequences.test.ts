import * as assert from 'node:assert/strict';
import {
  builtInStopSequences,
  mergeStopSequences,
  splitStopSequences,
  StopMatcher,
} from '../../../src/core/stopSequences';

/** Feeds `deltas` one by one and returns what a user would see, plus whether it stopped. */
function stream(stops: string[], deltas: string[], singleLine = false): { shown: string; stopped: boolean } {
  const m = new StopMatcher(stops, { singleLine });
  let shown = '';
  for (const d of deltas) {
    const r = m.push(d);
    shown += r.text;
    if (r.stopped) return { shown, stopped: true };
  }
  return { shown: shown + m.flush(), stopped: m.stopped };
}

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

describe('builtInStopSequences', () => {
  // What the model writes → what the user should be offered, with every built-in stop applied.
  const cases: Array<{ lang: string; name: string; output: string; shown: string }> = [
    { lang: 'python', name: 'keeps a method body with a nested def', output: '    x = 1\n    def inner():\n        return x\n    return inner', shown: '    x = 1\n    def inner():\n        return x\n    return inner' },
    { lang: 'python', name: 'keeps methods of the class being written', output: 'class A:\n    def f(self):\n        pass\n\n    def g(self):\n        pass\n', shown: 'class A:\n    def f(self):\n        pass\n\n    def g(self):\n        pass\n' },
    { lang: 'python', name: 'stops at the next top-level def', output: 'return a + b\n\ndef sub(a, b):', shown: 'return a + b\n' },
    { lang: 'python', name: 'stops at a top-level decorator', output: 'return 1\n\n@app.route("/")', shown: 'return 1\n' },
    { lang: 'python', name: 'stops at the main guard', output: 'print(x)\n\nif __name__ == "__main__":', shown: 'print(x)\n' },
    { lang: 'typescript', name: 'keeps the closing brace of the current function', output: '  return a + b;\n}\n', shown: '  return a + b;\n}\n' },
    { lang: 'typescript', name: 'keeps a top-level comment being continued', output: '\n// and returns the sum\nfunction add(', shown: '\n// and returns the sum' },
    { lang: 'typescript', name: 'stops at the next exported declaration', output: '  return 1;\n}\n\nexport const x = 2;', shown: '  return 1;\n}\n' },
    { lang: 'typescriptreact', name: 'applies TypeScript stops to TSX', output: '  return <div />;\n}\n\ninterface Props {', shown: '  return <div />;\n}\n' },
    { lang: 'javascript', name: 'stops at the next function', output: '  return 1;\n}\n\nfunction g() {', shown: '  return 1;\n}\n' },
    { lang: 'go', name: 'keeps the closing brace of the current func', output: '\treturn a + b\n}\n\nfunc sub(a, b int) int {', shown: '\treturn a + b\n}\n' },
    { lang: 'rust', name: 'stops at a following attribute', output: '    a + b\n}\n\n#[test]', shown: '    a + b\n}\n' },
    { lang: 'ruby', name: 'keeps the end of the current method', output: '  a + b\nend\n\ndef sub(a, b)', shown: '  a + b\nend\n' },
    { lang: 'c', name: 'keeps preprocessor conditionals inside a function', output: '#ifdef DEBUG\n  log(x);\n#endif\n  return x;\n}', shown: '#ifdef DEBUG\n  log(x);\n#endif\n  return x;\n}' },
    { lang: 'markdown', name: 'stops at the next section heading', output: 'Run the tests.\n\n## Usage', shown: 'Run the tests.\n' },
    { lang: 'plaintext', name: 'falls back to stopping at two blank lines', output: 'first paragraph\n\n\nsecond', shown: 'first paragraph' },
  ];
  for (const c of cases) {
    it(`${c.lang}: ${c.name}`, () => {
      assert.equal(stream(builtInStopSequences(c.lang), [c.output]).shown, c.shown);
    });
  }

  it('has defaults for every listed language, each starting at a new line', () => {
    for (const lang of ['python', 'javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'go', 'rust', 'java', 'c', 'cpp', 'csharp', 'ruby', 'php', 'shellscript', 'markdown', 'unknown-lang']) {
      const stops = builtInStopSequences(lang);
      assert.ok(stops.length > 0, lang);
      for (const s of stops) assert.ok(s.startsWith('\n') && s.length > 1, `${lang}: ${JSON.stringify(s)}`);
      assert.ok(!stops.some((s) => /^\n[})\]]/.test(s) || s === '\nend'), `${lang} must not stop at the end of the current block`);
    }
  });

  it('puts the most useful stops first, where the API will see them', () => {
    assert.deepEqual(builtInStopSequences('python').slice(0, 2), ['\ndef ', '\nclass ']);
    assert.deepEqual(builtInStopSequences('go').slice(0, 2), ['\nfunc ', '\ntype ']);
  });

  it('follows the document line ending', () => {
    assert.equal(stream(builtInStopSequences('python', '\r\n'), ['return 1\r\n\r\ndef g():']).shown, 'return 1\r\n');
  });

  it('returns a copy callers may change', () => {
    builtInStopSequences('python').push('mutated');
    assert.ok(!builtInStopSequences('python').includes('mutated'));
  });
});

describe('mergeStopSequences / splitStopSequences', () => {
  it('puts user stops first, without duplicates or empty strings', () => {
    assert.deepEqual(mergeStopSequences(['\ndef ', '\nclass ', '\n\n\n'], ['', '\n#', '\ndef ', '\n#']), [
      '\n#',
      '\ndef ',
      '\nclass ',
      '\n\n\n',
    ]);
  });

  it('sends the first four and keeps the rest for the client', () => {
    const all = ['a', 'b', 'c', 'd', 'e', 'f'];
    assert.deepEqual(splitStopSequences(all), { sent: ['a', 'b', 'c', 'd'], clientSide: ['e', 'f'] });
    assert.deepEqual(splitStopSequences(['a'], 4), { sent: ['a'], clientSide: [] });
    assert.deepEqual(splitStopSequences(all, 2), { sent: ['a', 'b'], clientSide: ['c', 'd', 'e', 'f'] });
  });

  it('a user stop is always sent to the API', () => {
    const { sent } = splitStopSequences(mergeStopSequences(builtInStopSequences('rust'), ['\n// END']));
    assert.equal(sent[0], '\n// END');
    assert.equal(sent.length, 4);
  });
});
