import * as assert from 'node:assert/strict';
import { RecentEdits } from '../../../../src/core/context/recentEdits';

describe('RecentEdits', () => {
  const cases: Array<{ name: string; edits: Array<[string, number, number]>; capacity?: number; list: Array<[string, number, number]> }> = [
    { name: 'keeps an edit', edits: [['a', 4, 5]], list: [['a', 4, 5]] },
    { name: 'newest first', edits: [['a', 1, 2], ['b', 1, 2]], list: [['b', 1, 2], ['a', 1, 2]] },
    { name: 'merges keystrokes in one place', edits: [['a', 4, 5], ['a', 4, 5], ['a', 5, 6]], list: [['a', 4, 6]] },
    { name: 'merges nearby lines and moves them first', edits: [['a', 10, 11], ['b', 0, 1], ['a', 13, 14]], list: [['a', 10, 14], ['b', 0, 1]] },
    { name: 'keeps distant places apart', edits: [['a', 0, 1], ['a', 50, 51]], list: [['a', 50, 51], ['a', 0, 1]] },
    { name: 'keeps files apart', edits: [['a', 0, 1], ['b', 0, 1]], list: [['b', 0, 1], ['a', 0, 1]] },
    { name: 'an empty range covers its line', edits: [['a', 7, 7]], list: [['a', 7, 8]] },
    { name: 'drops the oldest beyond capacity', capacity: 2, edits: [['a', 0, 1], ['b', 0, 1], ['c', 0, 1]], list: [['c', 0, 1], ['b', 0, 1]] },
    {
      name: 'a range stops growing: the newest edit replaces it',
      edits: [['a', 0, 1], ['a', 3, 4], ['a', 6, 7], ['a', 9, 10], ['a', 12, 13], ['a', 15, 16], ['a', 18, 19], ['a', 21, 22]],
      list: [['a', 21, 22]],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const edits = new RecentEdits(c.capacity);
      for (const [key, start, end] of c.edits) edits.record(key, start, end);
      assert.deepEqual(edits.list().map((e) => [e.key, e.startLine, e.endLine]), c.list);
    });
  }

  it('forgets a closed document', () => {
    const edits = new RecentEdits();
    edits.record('a', 0, 1);
    edits.record('b', 0, 1);
    edits.forget('a');
    assert.deepEqual(edits.list().map((e) => e.key), ['b']);
  });
});
