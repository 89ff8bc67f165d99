import * as assert from 'node:assert/strict';
import { IndexCache } from '../../../../src/core/context/indexCache';
import { IndexWarmer, WARM_AFTER_MS, type Schedule } from '../../../../src/core/context/indexWarmer';
import { MAX_INDEXED_CHARS, type OpenFile } from '../../../../src/core/context/rankSnippets';

/** A clock the test moves by hand: timers run only when `advance` passes their time. */
function manualClock() {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void }> = [];
  const schedule: Schedule = (fn, ms) => {
    const timer = { at: now + ms, fn };
    timers.push(timer);
    return () => (timers = timers.filter((t) => t !== timer));
  };
  /** Runs every timer due within `ms`, one tick at a time; returns how many ran. */
  const advance = (ms: number): number => {
    const until = now + ms;
    let ran = 0;
    for (;;) {
      const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((t) => t !== due);
      now = due.at;
      due.fn();
      ran++;
    }
    now = until;
    return ran;
  };
  /** Runs the earliest timer alone. */
  const step = (): void => {
    const due = [...timers].sort((a, b) => a.at - b.at)[0];
    if (!due) return;
    timers = timers.filter((t) => t !== due);
    now = due.at;
    due.fn();
  };
  return { schedule, advance, step, pending: () => timers.length };
}

function file(key: string, version = 1, reads = { count: 0 }): OpenFile {
  return { key, path: `${key}.py`, languageId: 'python', version, lines: () => (reads.count++, [`def ${key}_fn(x):`, '    return x']) };
}

describe('IndexWarmer', () => {
  it('indexes the open files once the user has settled, one per tick, so the next request builds nothing', () => {
    const cache = new IndexCache();
    const clock = manualClock();
    const warmer = new IndexWarmer(cache, clock.schedule);
    warmer.warm([file('a'), file('b'), file('c')]);
    clock.advance(WARM_AFTER_MS - 1);
    assert.equal(cache.builds, 0, 'indexed before the user settled');
    const ticks = clock.advance(1);
    assert.equal(cache.builds, 3);
    // Three files, a tick each, and the tick that finds nothing left.
    assert.equal(ticks, 4, 'files were indexed together in one tick');
    // What a request then asks for is already there.
    const reads = { count: 0 };
    for (const key of ['a', 'b', 'c']) cache.get(key, 1, () => (reads.count++, []));
    assert.equal(reads.count, 0);
    assert.equal(clock.pending(), 0, 'a timer was left behind');
  });

  it('switching again before it starts indexes only the files of the last switch', () => {
    const cache = new IndexCache();
    const clock = manualClock();
    const warmer = new IndexWarmer(cache, clock.schedule);
    warmer.warm([file('a'), file('b')]);
    clock.advance(WARM_AFTER_MS / 2);
    warmer.warm([file('c')]);
    clock.advance(10 * WARM_AFTER_MS);
    assert.equal(cache.builds, 1);
    const reads = { count: 0 };
    cache.get('c', 1, () => (reads.count++, []));
    assert.equal(reads.count, 0, 'the last switch\'s file was not indexed');
  });

  it('a file already indexed at its version is not read again; an edited one is', () => {
    const cache = new IndexCache();
    const clock = manualClock();
    const warmer = new IndexWarmer(cache, clock.schedule);
    const reads = { count: 0 };
    warmer.warm([file('a', 1, reads)]);
    clock.advance(10 * WARM_AFTER_MS);
    warmer.warm([file('a', 1, reads)]);
    clock.advance(10 * WARM_AFTER_MS);
    assert.equal(reads.count, 1);
    warmer.warm([file('a', 2, reads)]);
    clock.advance(10 * WARM_AFTER_MS);
    assert.equal(reads.count, 2);
  });

  it('a file over the size limit is left alone: nothing in the background reads it', () => {
    const cache = new IndexCache();
    const clock = manualClock();
    const reads = { count: 0 };
    new IndexWarmer(cache, clock.schedule).warm([{ ...file('bundle', 1, reads), chars: MAX_INDEXED_CHARS + 1 }, file('a')]);
    clock.advance(10 * WARM_AFTER_MS);
    assert.equal(reads.count, 0);
    assert.equal(cache.builds, 1);
  });

  it('stop() cancels a round in progress', () => {
    const cache = new IndexCache();
    const clock = manualClock();
    const warmer = new IndexWarmer(cache, clock.schedule);
    warmer.warm([file('a'), file('b'), file('c')]);
    clock.step();
    assert.equal(cache.builds, 1);
    warmer.stop();
    clock.advance(10 * WARM_AFTER_MS);
    assert.equal(cache.builds, 1);
    assert.equal(clock.pending(), 0);
  });
});
