import * as assert from 'node:assert/strict';
import { symbolsNearCursor } from '../../../../src/core/context/symbolsNearCursor';

describe('symbolsNearCursor', () => {
  const cases: Array<{ name: string; text: string; at: [number, number]; above?: number; max?: number; names: string[] }> = [
    { name: 'nearest first on the cursor line', text: 'total = compute_total(cart', at: [0, 26], names: ['cart', 'compute_total', 'total'] },
    { name: 'only before the cursor', text: 'apply_discount(order) + later_name', at: [0, 21], names: ['order', 'apply_discount'] },
    { name: 'then the lines above', text: 'user = load_user(uid)\nsend_mail(', at: [1, 10], names: ['send_mail', 'uid', 'load_user', 'user'] },
    { name: 'keywords and short names left out', text: 'return new Invoice(x', at: [0, 20], names: ['Invoice'] },
    { name: 'each name once, at its last occurrence', text: 'cart.add(cart', at: [0, 13], names: ['cart', 'add'] },
    { name: 'at most max', text: 'aa bb cc dd ee', at: [0, 14], max: 2, names: ['ee', 'dd'] },
    { name: 'no further than linesAbove', text: 'far_away\nmiddle\nnear', at: [2, 4], above: 1, names: ['near', 'middle'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const lines = c.text.split('\n');
      const found = symbolsNearCursor((l) => lines[l]!, { line: c.at[0], character: c.at[1] }, c.above ?? 2, c.max ?? 6);
      assert.deepEqual(found.map((s) => s.name), c.names);
      for (const s of found) assert.equal(lines[s.line]!.slice(s.character, s.character + s.name.length), s.name);
    });
  }
});
