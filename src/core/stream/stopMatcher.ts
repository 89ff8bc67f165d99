// Enforces stop sequences on streamed text: the ones beyond the API's 4, and the single-line
// cut. A stop may arrive split across deltas, so a tail that could begin one is held back.

export interface StopMatcherOptions {
  /** End the completion at its first line break (`\n` or `\r\n`, which is not shown). */
  singleLine?: boolean;
}

export interface StopPushResult {
  /** Newly released text, safe to show: append it to what was released before. */
  text: string;
  /** A stop sequence was found; nothing more will be released. */
  stopped: boolean;
}

/**
 * Applies stop sequences to streamed text, delta by delta.
 *
 * A stop sequence may arrive split across deltas, so a tail that could be the beginning of
 * one is held back until the next delta (or `flush()`) decides it. Each push scans only the
 * new text plus that held-back tail (at most longest stop − 1 characters).
 * The stop sequence itself is never released.
 */
export class StopMatcher {
  private readonly stops: string[];
  private readonly longest: number;
  private pending = '';
  private matched: string | undefined;

  constructor(stops: readonly string[], options: StopMatcherOptions = {}) {
    const all = options.singleLine ? [...stops, '\r\n', '\n'] : [...stops];
    this.stops = [...new Set(all.filter((s) => s !== ''))];
    this.longest = this.stops.reduce((n, s) => Math.max(n, s.length), 0);
  }

  /** True once a stop sequence has been seen. */
  get stopped(): boolean {
    return this.matched !== undefined;
  }

  /** Text received but held back because it may start a stop sequence. */
  get heldBack(): string {
    return this.pending;
  }

  /** The stop sequence that ended the text, if any. */
  get stopSequence(): string | undefined {
    return this.matched;
  }

  push(delta: string): StopPushResult {
    if (this.matched !== undefined) return { text: '', stopped: true };
    const buffer = this.pending + delta;

    let at = -1;
    for (const stop of this.stops) {
      const i = buffer.indexOf(stop);
      if (i !== -1 && (at === -1 || i < at)) {
        at = i;
        this.matched = stop;
      }
    }
    if (at !== -1) {
      this.pending = '';
      return { text: buffer.slice(0, at), stopped: true };
    }

    const hold = this.heldBackLength(buffer);
    this.pending = buffer.slice(buffer.length - hold);
    return { text: buffer.slice(0, buffer.length - hold), stopped: false };
  }

  /** The stream ended: whatever was held back is not a stop after all. */
  flush(): string {
    const rest = this.pending;
    this.pending = '';
    return this.matched === undefined ? rest : '';
  }

  /** Length of the longest tail of `buffer` that is a proper prefix of some stop sequence. */
  private heldBackLength(buffer: string): number {
    for (let k = Math.min(this.longest - 1, buffer.length); k > 0; k--) {
      const tail = buffer.slice(buffer.length - k);
      if (this.stops.some((s) => s.length > k && s.startsWith(tail))) return k;
    }
    return 0;
  }
}
