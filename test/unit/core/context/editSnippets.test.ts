import * as assert from 'node:assert/strict';
import { editSnippets, type EditedFile } from '../../../../src/core/context/editSnippets';

const file = (path: string, lineCount: number): EditedFile => ({ path, lineCount, lineAt: (l) => `line_${l}` });

describe('editSnippets', () => {
  const files: Record<string, EditedFile | undefined> = {
    a: file('src/a.ts', 100),
    short: file('short.ts', 3),
    blank: { path: 'blank.ts', lineCount: 10, lineAt: () => '   ' },
    secret: undefined,
  };
  const cases: Array<{ name: string; edits: Array<[string, number, number]>; max?: number; out: Array<[string, number, number]> }> = [
    { name: 'the edit with two lines around it', edits: [['a', 10, 11]], out: [['src/a.ts', 8, 13]] },
    { name: 'clamped to the file', edits: [['short', 0, 3]], out: [['short.ts', 0, 3]] },
    { name: 'a file that may not contribute is skipped', edits: [['secret', 0, 1], ['a', 0, 1]], out: [['src/a.ts', 0, 3]] },
    { name: 'blank places are skipped', edits: [['blank', 2, 3]], out: [] },
    { name: 'at most 20 lines', edits: [['a', 0, 40]], out: [['src/a.ts', 0, 20]] },
    { name: 'at most max', edits: [['a', 0, 1], ['a', 50, 51]], max: 1, out: [['src/a.ts', 0, 3]] },
    { name: 'a range past a shrunk file still shows its end', edits: [['short', 9, 10]], out: [['short.ts', 2, 3]] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = editSnippets(c.edits.map(([key, startLine, endLine]) => ({ key, startLine, endLine })), (k) => files[k], c.max ?? 4);
      assert.deepEqual(out.map((s) => [s.path, s.startLine, s.endLine]), c.out);
      for (const s of out) {
        assert.equal(s.kind, 'recentEdit');
        assert.equal(s.text.split('\n').length, s.endLine - s.startLine);
      }
    });
  }
});
