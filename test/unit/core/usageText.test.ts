import * as assert from 'node:assert/strict';
import type { DayUsage } from '../../../src/core/usageLedger';
import { clockTime, usageDetail, usageSummary, usageTotal } from '../../../src/core/usageText';

const day = (d: string, requests: number, cost: number): DayUsage => ({
  day: d,
  requests,
  promptTokens: 1000 * requests,
  completionTokens: 50 * requests,
  shown: 4 * requests,
  accepted: 2 * requests,
  cost,
});

describe('usage text', () => {
  it('summary: requests, tokens and cost, with no break inside a number and its unit', () => {
    assert.equal(usageSummary(day('2026-05-03', 1, 0.0016)), '1\u00a0requests, 1,050\u00a0tokens, ≈\u00a0$0.0016');
  });

  it('detail: tokens in and out, shown and accepted', () => {
    assert.equal(usageDetail(day('2026-05-03', 1, 0)), '1,000 in / 50 out · 4 shown · 2 accepted (50%)');
  });

  it('total adds every day up', () => {
    const total = usageTotal([day('2026-05-01', 1, 0.5), day('2026-05-02', 2, 0.25)], 'Last 30 days');
    assert.deepEqual(total, { day: 'Last 30 days', requests: 3, promptTokens: 3000, completionTokens: 150, shown: 12, accepted: 6, cost: 0.75 });
  });

  it('clock time: 24-hour today or within the next 12 hours, with the date otherwise, never with a plain space', () => {
    const at = new Date(2026, 4, 3, 14, 5).getTime();
    assert.equal(clockTime(at, new Date(2026, 4, 3, 9, 0).getTime()), '14:05');
    assert.equal(clockTime(at, new Date(2026, 4, 2, 23, 0).getTime()), 'May\u00a03,\u00a014:05');
    // A snooze that ends past midnight, minutes from now: the time alone, no date.
    assert.equal(clockTime(new Date(2026, 4, 4, 0, 2).getTime(), new Date(2026, 4, 3, 23, 57).getTime()), '00:02');
    // Past midnight looking back: the date says which day.
    assert.equal(clockTime(new Date(2026, 4, 2, 23, 57).getTime(), new Date(2026, 4, 3, 0, 2).getTime()), 'May\u00a02,\u00a023:57');
    assert.ok(!clockTime(at, 0).includes(' '));
  });
});
