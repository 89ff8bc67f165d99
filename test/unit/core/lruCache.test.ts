import * as assert from 'node:assert/strict';
import { LruCache } from '../../../src/core/lruCache';

describe('LruCache', () => {
  it('evicts the least recently set entry beyond its bound', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1).set('b', 2).set('c', 3);
    assert.equal(cache.size, 2);
    assert.equal(cache.get('a'), undefined);
    assert.deepEqual([...cache], [['b', 2], ['c', 3]]);
  });

  it('get refreshes recency, so a used entry survives', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1).set('b', 2);
    assert.equal(cache.get('a'), 1);
    cache.set('c', 3);
    assert.deepEqual([...cache.keys()], ['a', 'c']);
  });

  it('peek and has do not refresh recency', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1).set('b', 2);
    assert.equal(cache.peek('a'), 1);
    assert.equal(cache.has('a'), true);
    cache.set('c', 3);
    assert.equal(cache.has('a'), false);
  });

  it('set on an existing key replaces the value and refreshes it', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1).set('b', 2).set('a', 10).set('c', 3);
    assert.deepEqual([...cache], [['a', 10], ['c', 3]]);
  });

  it('keeps falsy values', () => {
    const cache = new LruCache<string, number | undefined>(3);
    cache.set('zero', 0).set('none', undefined);
    assert.equal(cache.get('zero'), 0);
    assert.equal(cache.has('none'), true);
  });

  it('delete and clear remove entries', () => {
    const cache = new LruCache<number, string>(3);
    cache.set(1, 'x').set(2, 'y');
    assert.equal(cache.delete(1), true);
    assert.equal(cache.delete(1), false);
    assert.deepEqual([...cache.values()], ['y']);
    cache.clear();
    assert.equal(cache.size, 0);
  });

  it('rejects a bound below one', () => {
    assert.throws(() => new LruCache(0), RangeError);
    assert.throws(() => new LruCache(1.5), RangeError);
  });
});
