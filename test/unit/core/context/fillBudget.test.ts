import * as assert from 'node:assert/strict';
import { fillContext } from '../../../../src/core/context/fillBudget';
import type { ContextSnippet, GatheredContext } from '../../../../src/core/context/types';
import { countTokens } from '../../../../src/core/plan/tokenBudget';

const snip = (path: string, text: string, startLine = 0): ContextSnippet => ({ kind: 'openFile', path, startLine, endLine: startLine + text.split('\n').length, text, score: 0.5 });
const A = snip('a.py', 'def alpha():\n    return 1');
const B = snip('b.py', 'def beta():\n    return 2');
const BIG = snip('big.py', 'x = [' + '1, '.repeat(400) + ']');

describe('fillContext', () => {
  const cases: Array<{ name: string; gathered: GatheredContext; lang?: string; budget: number; header?: boolean; text: string; included: string[] }> = [
    {
      name: 'header, then snippets with the best nearest the code',
      gathered: { path: 'app/main.py', snippets: [A, B] },
      budget: 200,
      text: '# Path: app/main.py (Python)\n# Compare this snippet from b.py:\n# def beta():\n#     return 2\n# Compare this snippet from a.py:\n# def alpha():\n#     return 1\n',
      included: ['openFile a.py:1-2', 'openFile b.py:1-2'],
    },
    { name: 'no header when switched off', gathered: { path: 'app/main.py', snippets: [A] }, header: false, budget: 200, text: '# Compare this snippet from a.py:\n# def alpha():\n#     return 1\n', included: ['openFile a.py:1-2'] },
    { name: 'a snippet too big is skipped, a smaller one after it still fits', gathered: { snippets: [BIG, A] }, budget: 40, text: '# Compare this snippet from a.py:\n# def alpha():\n#     return 1\n', included: ['openFile a.py:1-2'] },
    { name: 'overlapping lines of one file go in once', gathered: { snippets: [A, { ...A, kind: 'definition' }] }, budget: 200, text: '# Compare this snippet from a.py:\n# def alpha():\n#     return 1\n', included: ['openFile a.py:1-2'] },
    { name: 'nothing for a language without comments', gathered: { path: 'x.json', snippets: [A] }, lang: 'json', budget: 200, text: '', included: [] },
    { name: 'nothing with no budget', gathered: { path: 'app/main.py', snippets: [A] }, budget: 0, text: '', included: [] },
    { name: 'nothing when even the header does not fit', gathered: { path: 'app/main.py', snippets: [A] }, budget: 3, text: '', included: [] },
    { name: 'typescript comments', gathered: { snippets: [snip('a.ts', 'export const a = 1;')] }, lang: 'typescript', budget: 100, text: '// Compare this snippet from a.ts:\n// export const a = 1;\n', included: ['openFile a.ts:1-1'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const filled = fillContext(c.gathered, c.lang ?? 'python', c.budget, c.header ?? true);
      assert.equal(filled.text, c.text);
      assert.deepEqual(filled.included, c.included);
      assert.equal(filled.tokens, countTokens(filled.text));
      assert.ok(filled.tokens <= Math.max(0, c.budget));
    });
  }

  it('never exceeds the budget, whatever it is', () => {
    const many = Array.from({ length: 12 }, (_, i) => snip(`f${i}.py`, `def f${i}(a, b):\n    return a * ${i} + b`));
    for (let budget = 0; budget < 400; budget += 7) {
      const filled = fillContext({ path: 'main.py', snippets: many }, 'python', budget, true);
      assert.ok(filled.tokens <= budget, `budget ${budget}: ${filled.tokens}`);
    }
  });
});
