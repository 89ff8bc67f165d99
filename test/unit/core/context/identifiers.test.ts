import * as assert from 'node:assert/strict';
import { identifiersOf } from '../../../../src/core/context/identifiers';

describe('identifiersOf', () => {
  const cases: Array<{ name: string; text: string; ids: string[] }> = [
    { name: 'names of a call', text: 'total = compute_total(cart.items)', ids: ['total', 'compute_total', 'cart', 'items'] },
    { name: 'leaves out keywords', text: 'export function add(a: number): number { return a }', ids: ['add'] },
    { name: 'leaves out one-letter names', text: 'for i in range(n): x += i', ids: ['range'] },
    { name: 'keeps $ and _ names', text: 'const $el = _private', ids: ['$el', '_private'] },
    { name: 'ignores numbers and punctuation', text: '42 + 3.14 - "it\'s"', ids: ['it'] },
    { name: 'distinct names once', text: 'user.name = user.name', ids: ['user', 'name'] },
    { name: 'nothing in empty text', text: '', ids: [] },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual([...identifiersOf(c.text)], c.ids));
  }
});
