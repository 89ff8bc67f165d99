import * as assert from 'node:assert/strict';
import { identifiersOf } from '../../../../src/core/context/identifiers';
import { WindowIndex } from '../../../../src/core/context/windowIndex';

// 30 lines: lines 10-13 talk about invoices, the rest is filler.
const LINES = Array.from({ length: 30 }, (_, i) => `filler_${i} = other_${i}`);
LINES[10] = 'class Invoice:';
LINES[11] = '    def total_amount(self, tax_rate):';
LINES[12] = '        return sum(line.price for line in self.lines) * tax_rate';

describe('WindowIndex', () => {
  const shape = { size: 6, stride: 3 };
  const index = WindowIndex.build(LINES, shape);

  const cases: Array<{ name: string; query: string; max: number; starts: number[] }> = [
    { name: 'finds the window sharing the most names', query: 'Invoice total_amount tax_rate price lines', max: 1, starts: [9] },
    { name: 'a smaller window wins when it shares almost as much', query: 'invoice = Invoice(); invoice.total_amount(tax_rate)', max: 1, starts: [6] },
    { name: 'never returns overlapping windows', query: 'Invoice total_amount tax_rate price lines', max: 3, starts: [9] },
    { name: 'returns separate windows best first', query: 'Invoice filler_0 other_0 filler_1', max: 3, starts: [0, 6] },
    { name: 'returns nothing when no name is shared', query: 'unrelated_name', max: 3, starts: [] },
    { name: 'returns nothing for an empty query', query: '', max: 3, starts: [] },
    { name: 'returns nothing when none are wanted', query: 'Invoice', max: 0, starts: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const best = index.best(identifiersOf(c.query), c.max);
      assert.deepEqual(best.map((w) => w.startLine), c.starts.slice(0, best.length));
      assert.equal(best.length, c.starts.length);
      for (const w of best) {
        assert.ok(w.score > 0 && w.score <= 1);
        assert.equal(w.endLine - w.startLine, Math.min(shape.size, LINES.length - w.startLine));
      }
      for (let i = 1; i < best.length; i++) assert.ok(best[i - 1]!.score >= best[i]!.score, 'best first');
    });
  }

  it('scores by Jaccard similarity of identifier sets', () => {
    const small = WindowIndex.build(['alpha beta', 'gamma'], shape);
    const [w] = small.best(identifiersOf('alpha beta delta'), 1);
    // shared {alpha, beta} over union {alpha, beta, gamma, delta}
    assert.equal(w!.score, 2 / 4);
  });

  it('covers a file shorter than one window with one window', () => {
    const small = WindowIndex.build(['only_line'], shape);
    assert.deepEqual(small.best(identifiersOf('only_line'), 2), [{ startLine: 0, endLine: 1, score: 1 }]);
  });

  it('covers the last lines of the file', () => {
    const best = index.best(identifiersOf('filler_29'), 1);
    assert.equal(best[0]!.endLine, 30);
  });

  it('gives the text of a window', () => {
    assert.equal(index.text(10, 12), 'class Invoice:\n    def total_amount(self, tax_rate):');
  });
});
