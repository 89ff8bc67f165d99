// Usage and times as short phrases for the tooltip, the menu and Show Usage. Parts are joined
// with no-break spaces where a line break would split one number or one time.

import type { DayUsage } from './usageLedger';

const NBSP = '\u00a0';

/** "3 requests, 1,050 tokens, ≈ $0.0016": what a day cost, without the date. */
export function usageSummary(day: DayUsage): string {
  return `${day.requests}${NBSP}requests, ${tokensAndCost(day)}`;
}

/** "1,050 tokens, ≈ $0.0016". */
export function tokensAndCost(day: DayUsage): string {
  const tokens = (day.promptTokens + day.completionTokens).toLocaleString('en-US');
  return `${tokens}${NBSP}tokens, ≈${NBSP}$${day.cost.toFixed(4)}`;
}

/** "1,000 in / 50 out · 4 shown · 2 accepted (50%)": the rest of a day's record. */
export function usageDetail(day: DayUsage): string {
  const rate = day.shown > 0 ? ` (${Math.round((100 * day.accepted) / day.shown)}%)` : '';
  const n = (x: number) => x.toLocaleString('en-US');
  return `${n(day.promptTokens)} in / ${n(day.completionTokens)} out · ${day.shown} shown · ${day.accepted} accepted${rate}`;
}

/** The days added up, as one record labelled `label`. */
export function usageTotal(days: readonly DayUsage[], label: string): DayUsage {
  const total: DayUsage = { day: label, requests: 0, promptTokens: 0, completionTokens: 0, shown: 0, accepted: 0, cost: 0 };
  for (const d of days) {
    total.requests += d.requests;
    total.promptTokens += d.promptTokens;
    total.completionTokens += d.completionTokens;
    total.shown += d.shown;
    total.accepted += d.accepted;
    total.cost += d.cost;
  }
  return total;
}

/** A clock time this far ahead cannot be read as a past or a later day's: no date needed. */
const NEAR_FUTURE_MS = 12 * 60 * 60 * 1000;

/**
 * "14:05" today or within the next 12 hours (a snooze at 23:57 ends at "00:02"), "May 3, 14:05"
 * otherwise: 24-hour, so no "PM" to wrap onto its own line.
 */
export function clockTime(at: number, now: number = Date.now()): string {
  const date = new Date(at);
  const hm = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
  if (new Date(now).toDateString() === date.toDateString()) return hm;
  if (at > now && at - now < NEAR_FUTURE_MS) return hm;
  const month = date.toLocaleString('en-US', { month: 'short' });
  return `${month}${NBSP}${date.getDate()},${NBSP}${hm}`;
}
