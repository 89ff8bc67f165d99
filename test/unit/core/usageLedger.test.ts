import * as assert from 'node:assert/strict';
import { UsageLedger, costOf, formatUsage, type KeyValueStore } from '../../../src/core/usageLedger';

function memoryStore(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: <T>(key: string) => data.get(key) as T | undefined,
    update: async (key: string, value: unknown) => {
      data.set(key, JSON.parse(JSON.stringify(value)));
    },
  };
}

const PRICE = { input: 1.5, output: 2.0 };

describe('UsageLedger', () => {
  it('prices gpt-3.5-turbo-instruct tokens per million', () => {
    assert.equal(costOf(1_000_000, 0, PRICE), 1.5);
    assert.equal(costOf(0, 1_000_000, PRICE), 2.0);
    assert.equal(costOf(1000, 500, undefined), 0);
  });

  it('counts requests, billed tokens, shown and accepted per day', async () => {
    let now = new Date(2026, 10, 25, 10, 0, 0);
    const store = memoryStore();
    const ledger = new UsageLedger(store, () => now);
    await ledger.recordRequest({ prompt_tokens: 1000, completion_tokens: 50 }, PRICE);
    await ledger.recordRequest(undefined, PRICE);
    await ledger.recordShown();
    await ledger.recordShown();
    await ledger.recordAccepted();
    const today = ledger.today();
    assert.equal(today.day, '2026-11-25');
    assert.equal(today.requests, 2);
    assert.equal(today.promptTokens, 1000);
    assert.equal(today.completionTokens, 50);
    assert.equal(today.shown, 2);
    assert.equal(today.accepted, 1);
    assert.ok(Math.abs(today.cost - 0.0016) < 1e-12);
    assert.match(formatUsage(today), /2 requests, 1050 tokens.*50% accepted.*\$0\.0016/);

    now = new Date(2026, 10, 26, 9, 0, 0);
    assert.equal(ledger.today().requests, 0, 'a new day starts from zero');
    await ledger.recordShown();
    assert.deepEqual(ledger.days().map((d) => d.day), ['2026-11-25', '2026-11-26']);
  });

  it('keeps only the last 30 days and survives garbage in storage', async () => {
    const store = memoryStore();
    store.data.set('ghostComplete.usage', 'garbage');
    let day = 1;
    const ledger = new UsageLedger(store, () => new Date(2026, 0, day, 12));
    assert.deepEqual(ledger.days(), []);
    for (day = 1; day <= 35; day++) await ledger.recordRequest(undefined, PRICE);
    const days = ledger.days();
    assert.equal(days.length, 30);
    assert.equal(days[0].day, '2026-01-06');
    assert.equal(days[29].day, '2026-02-04');
  });
});
