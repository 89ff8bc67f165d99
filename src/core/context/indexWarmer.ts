// Indexes the other open files in the background once the user settles on an editor, so the
// first request after opening or switching files does not pay for indexing them (20 files of
// 2,000 lines cost ~240 ms on that request otherwise). One file per timer tick: a keystroke
// or a provider call waiting in the event loop never waits behind more than one file.

import type { IndexCache } from './indexCache';
import { isIndexable, type OpenFile } from './rankSnippets';

/** Runs `fn` after `ms`; returns a function that cancels it. */
export type Schedule = (fn: () => void, ms: number) => () => void;

export const realSchedule: Schedule = (fn, ms) => {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
};

/** Switching tabs quickly (Ctrl+Tab through several) indexes only where the user stops. */
export const WARM_AFTER_MS = 300;

export class IndexWarmer {
  private cancel: (() => void) | undefined;

  constructor(
    private readonly cache: IndexCache,
    private readonly schedule: Schedule = realSchedule,
  ) {}

  /** Indexes `files` (at their current versions) soon; replaces any round not yet finished. */
  warm(files: readonly OpenFile[]): void {
    this.stop();
    const queue = files.filter(isIndexable);
    const next = (): void => {
      const file = queue.shift();
      if (!file) {
        this.cancel = undefined;
        return;
      }
      // A file already indexed at this version costs a lookup: `lines` is not even read.
      this.cache.get(file.key, file.version, () => file.lines());
      this.cancel = this.schedule(next, 0);
    };
    this.cancel = this.schedule(next, WARM_AFTER_MS);
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
  }
}
