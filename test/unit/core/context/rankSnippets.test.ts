import * as assert from 'node:assert/strict';
import { IndexCache } from '../../../../src/core/context/indexCache';
import { MAX_INDEXED_CHARS, jaccard, rankSnippets, sameFamily, type OpenFile } from '../../../../src/core/context/rankSnippets';
import type { ContextSnippet } from '../../../../src/core/context/types';

const open = (path: string, languageId: string, text: string): OpenFile => ({ key: path, path, languageId, version: 1, lines: () => text.split('\n') });
const snippet = (kind: ContextSnippet['kind'], path: string, text: string): ContextSnippet => ({ kind, path, startLine: 0, endLine: 1, text, score: 0 });

const MODELS = open('models.py', 'python', 'class Invoice:\n    def total_amount(self, tax_rate):\n        return 0');
const UTILS = open('utils.py', 'python', 'def slugify(title):\n    return title.lower()');
const TS = open('invoice.ts', 'typescript', 'export class Invoice { total_amount(tax_rate) {} }');

describe('rankSnippets', () => {
  const prefix = 'invoice = make()\nprint(invoice.total_amount(tax_rate';
  const cases: Array<{ name: string; files: OpenFile[]; definitions?: ContextSnippet[]; edits?: ContextSnippet[]; head?: string; ranked: string[] }> = [
    { name: 'the definition of a name used at the cursor, then the similar window', files: [UTILS, MODELS], ranked: ['definition models.py:1', 'openFile models.py:0'] },
    { name: 'other languages left out', files: [TS], ranked: [] },
    { name: 'language server definitions first', files: [MODELS], definitions: [snippet('definition', 'd.py', 'whatever')], ranked: ['definition d.py:0', 'definition models.py:1', 'openFile models.py:0'] },
    { name: 'a similar recent edit counts, an unrelated one does not', files: [], edits: [snippet('recentEdit', 'e.py', 'invoice.total_amount(1)'), snippet('recentEdit', 'f.py', 'unrelated_thing()')], ranked: ['recentEdit e.py:0'] },
    { name: 'names the file imports, even far above the cursor', files: [UTILS], head: 'from utils import slugify\n', ranked: ['definition utils.py:0'] },
    { name: 'imports are only looked for in the head', files: [UTILS], head: 'x = slugify\n', ranked: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const ranked = rankSnippets({ languageId: 'python', prefix, head: c.head, openFiles: c.files, definitions: c.definitions ?? [], recentEdits: c.edits ?? [], cache: new IndexCache() });
      assert.deepEqual(ranked.map((s) => `${s.kind} ${s.path}:${s.startLine}`), c.ranked);
    });
  }

  it('a neighbour over the size limit (generated, minified) is never read, whatever it defines', () => {
    let reads = 0;
    const huge: OpenFile = { ...MODELS, key: 'bundle.py', path: 'bundle.py', chars: MAX_INDEXED_CHARS + 1, lines: () => (reads++, MODELS.lines()) };
    const ranked = rankSnippets({ languageId: 'python', prefix, openFiles: [huge, UTILS], definitions: [], recentEdits: [], cache: new IndexCache() });
    assert.equal(reads, 0);
    assert.deepEqual(ranked.map((s) => s.path), []);
  });

  it('compares with the last lines before the cursor only', () => {
    const far = 'slugify(title)\n' + 'pass\n'.repeat(30) + 'x = 1';
    const ranked = rankSnippets({ languageId: 'python', prefix: far, openFiles: [UTILS], definitions: [], recentEdits: [], cache: new IndexCache() });
    assert.deepEqual(ranked, []);
  });

  it('gives a definition its block and a window its lines', () => {
    const [definition, window] = rankSnippets({ languageId: 'python', prefix, openFiles: [MODELS], definitions: [], recentEdits: [], cache: new IndexCache() });
    assert.equal(definition!.text, '    def total_amount(self, tax_rate):\n        return 0');
    assert.deepEqual([definition!.startLine, definition!.endLine], [1, 3]);
    assert.equal(window!.text, 'class Invoice:\n    def total_amount(self, tax_rate):\n        return 0');
    assert.deepEqual([window!.startLine, window!.endLine], [0, 3]);
  });
});

describe('jaccard', () => {
  const cases: Array<[string[], string[], number]> = [
    [['a', 'b'], ['a', 'b'], 1],
    [['a', 'b'], ['b', 'c'], 1 / 3],
    [['a'], ['b'], 0],
    [[], ['a'], 0],
  ];
  for (const [a, b, j] of cases) it(`${a} vs ${b}`, () => assert.equal(jaccard(new Set(a), new Set(b)), j));
});

describe('sameFamily', () => {
  const cases: Array<[string, string, boolean]> = [
    ['python', 'python', true],
    ['typescript', 'javascriptreact', true],
    ['c', 'cpp', true],
    ['python', 'typescript', false],
    ['go', 'rust', false],
  ];
  for (const [a, b, same] of cases) it(`${a} / ${b}`, () => assert.equal(sameFamily(a, b), same));
});
