import * as assert from 'node:assert/strict';
import { builtInStopSequences, mergeStopSequences, splitStopSequences } from '../../../../src/core/plan/stopSequences';
import { stream } from '../../../support/throughStops';

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
