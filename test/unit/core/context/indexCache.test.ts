import * as assert from 'node:assert/strict';
import { IndexCache } from '../../../../src/core/context/indexCache';

describe('IndexCache', () => {
  const cases: Array<{ name: string; steps: Array<[key: string, version: number]>; builds: number }> = [
    { name: 'builds once per version', steps: [['a', 1], ['a', 1], ['a', 1]], builds: 1 },
    { name: 'rebuilds when the version changes', steps: [['a', 1], ['a', 2], ['a', 2]], builds: 2 },
    { name: 'keeps one index per document', steps: [['a', 1], ['b', 1], ['a', 1], ['b', 1]], builds: 2 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cache = new IndexCache();
      let reads = 0;
      for (const [key, version] of c.steps) {
        cache.get(key, version, () => {
          reads++;
          return ['some_line'];
        });
      }
      assert.equal(cache.builds, c.builds);
      assert.equal(reads, c.builds, 'the text is read only to build');
    });
  }

  it('forgets a closed document', () => {
    const cache = new IndexCache();
    cache.get('a', 1, () => ['x_y']);
    cache.forget('a');
    cache.get('a', 1, () => ['x_y']);
    assert.equal(cache.builds, 2);
  });
});
