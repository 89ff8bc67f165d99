// Summaries of timing samples.

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest rank: an observed value, not an interpolation between two.
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export function ratio(a: number, b: number): number {
  return b === 0 ? NaN : a / b;
}

export function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}
