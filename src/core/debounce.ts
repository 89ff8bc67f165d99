// Waiting before a request: a cancellable delay, and an adaptive debounce that follows the
// user's typing rhythm.

/** The error `delay` rejects with when its signal aborts. */
export class AbortError extends Error {
  override readonly name = 'AbortError';
  constructor(message = 'The operation was aborted', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** True for our AbortError and for the DOMException `fetch`/undici throw on abort. */
export function isAbortError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'AbortError';
}

/**
 * Resolves after `ms`; rejects with an AbortError as soon as `signal` aborts (at once if it
 * already has). The timer and the abort listener are released either way, so thousands of
 * cancelled keystroke delays leave nothing behind.
 */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortError(undefined, { cause: signal.reason }));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortError(undefined, { cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface TypingRhythmOptions {
  /** Clock in milliseconds; inject a fake one in tests. */
  now?: () => number;
  /** Weight of the newest interval in the moving average (0..1]. Default 0.3. */
  smoothing?: number;
  /** A gap at least this long is a pause, not part of the typing rhythm. Default 1000 ms. */
  pauseMs?: number;
}

/**
 * Tracks the time between keystrokes as an exponential moving average and suggests how long
 * to wait before asking for a suggestion:
 * - mid-burst (the last keystroke followed the previous one closely), wait until about two
 *   average gaps have passed without a key, and never less than the base: a request fired
 *   between two keystrokes of a burst is wasted;
 * - on the first keystroke after a pause (or before any rhythm is known), wait half the
 *   base: the user typed one thing and is probably looking for the suggestion.
 * The result is always clamped to [min, max].
 */
export class TypingRhythm {
  private readonly now: () => number;
  private readonly smoothing: number;
  private readonly pauseMs: number;
  private lastKeystroke: number | undefined;
  private lastGap: number | undefined;
  private average: number | undefined;

  constructor(options: TypingRhythmOptions = {}) {
    this.now = options.now ?? Date.now;
    this.smoothing = Math.min(1, Math.max(Number.EPSILON, options.smoothing ?? 0.3));
    this.pauseMs = options.pauseMs ?? 1000;
  }

  /** Average gap between keystrokes within bursts, once known. */
  get averageIntervalMs(): number | undefined {
    return this.average;
  }

  /** Records a keystroke (any edit the user typed) at the current time. */
  keystroke(): void {
    const t = this.now();
    if (this.lastKeystroke !== undefined) {
      const gap = Math.max(0, t - this.lastKeystroke);
      this.lastGap = gap;
      // Pauses say nothing about typing speed; keep them out of the average.
      if (gap < this.pauseMs) {
        this.average = this.average === undefined ? gap : this.average + this.smoothing * (gap - this.average);
      }
    }
    this.lastKeystroke = t;
  }

  /** Forgets the rhythm (e.g. when the user switches editors). */
  reset(): void {
    this.lastKeystroke = undefined;
    this.lastGap = undefined;
    this.average = undefined;
  }

  suggestedDelay(baseMs: number, bounds: { min: number; max: number }): number {
    const inBurst = this.lastGap !== undefined && this.lastGap < this.pauseMs && this.average !== undefined;
    const wanted = inBurst ? Math.max(baseMs, 2 * this.average!) : baseMs / 2;
    return Math.round(Math.min(bounds.max, Math.max(bounds.min, wanted)));
  }
}
