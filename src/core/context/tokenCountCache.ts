// Token counts of context blocks, remembered: consecutive requests near the same place pick
// mostly the same snippets, and counting is the costliest part of filling the budget.

import { LruCache } from '../lruCache';
import { countTokens } from '../plan/tokenBudget';

const counts = new LruCache<string, number>(512);

export function cachedTokenCount(text: string): number {
  let n = counts.get(text);
  if (n === undefined) {
    n = countTokens(text);
    counts.set(text, n);
  }
  return n;
}
