export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  retryOn: number[];
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 200, maxDelayMs: 5000, retryOn: [429, 502, 503, 504] };

export function backoffDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

export function shouldRetry(policy: RetryPolicy, status: number, attempt: number): boolean {
  return attempt + 1 < policy.attempts && policy.retryOn.includes(status);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
