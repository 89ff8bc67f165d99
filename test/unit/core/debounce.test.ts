import * as assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { AbortError, delay, isAbortError, TypingRhythm } from '../../../src/core/debounce';

const activeTimers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
// Mocha arms its own timeout timer once an async test has started: count after that.
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('delay', () => {
  it('resolves after the time has passed and removes its abort listener', async () => {
    const controller = new AbortController();
    const started = Date.now();
    await delay(20, controller.signal);
    assert.ok(Date.now() - started >= 15);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  });

  it('rejects with an AbortError as soon as the signal aborts, and clears its timer', async () => {
    const controller = new AbortController();
    await settle();
    const timersBefore = activeTimers();
    const started = Date.now();
    const waiting = delay(60_000, controller.signal);
    assert.equal(activeTimers(), timersBefore + 1);
    setTimeout(() => controller.abort(), 5);
    await assert.rejects(waiting, (err) => isAbortError(err) && err instanceof AbortError);
    assert.ok(Date.now() - started < 1000);
    assert.equal(activeTimers(), timersBefore, 'the 60 s timer is gone');
  });

  it('rejects at once when the signal has already aborted', async () => {
    await settle();
    const timersBefore = activeTimers();
    await assert.rejects(delay(60_000, AbortSignal.abort()), isAbortError);
    assert.equal(activeTimers(), timersBefore);
  });

  it('works without a signal', async () => {
    await delay(0);
  });
});

describe('isAbortError', () => {
  const cases: Array<[unknown, boolean]> = [
    [new AbortError(), true],
    [new DOMException('stopped', 'AbortError'), true],
    [Object.assign(new Error('x'), { name: 'AbortError' }), true],
    [new Error('network down'), false],
    [new DOMException('late', 'TimeoutError'), false],
    ['AbortError', false],
    [undefined, false],
  ];
  for (const [err, expected] of cases) {
    it(`${String(err)} → ${expected}`, () => assert.equal(isAbortError(err), expected));
  }
});

describe('TypingRhythm', () => {
  /** Types keys at the given gaps (ms) on a fake clock and returns the rhythm. */
  function typed(gaps: number[], options: { pauseMs?: number } = {}): TypingRhythm {
    let t = 1_000_000;
    const rhythm = new TypingRhythm({ now: () => t, ...options });
    rhythm.keystroke();
    for (const gap of gaps) {
      t += gap;
      rhythm.keystroke();
    }
    return rhythm;
  }
  const bounds = { min: 30, max: 400 };

  it('uses half the base before any rhythm is known', () => {
    assert.equal(new TypingRhythm({ now: () => 0 }).suggestedDelay(150, bounds), 75);
  });

  it('waits at least the base while a fast typist is mid-burst', () => {
    assert.equal(typed([60, 70, 65, 60, 70]).suggestedDelay(150, bounds), 150);
  });

  it('waits for about two usual gaps when keys come slower than the base', () => {
    const rhythm = typed([120, 120, 120, 120]);
    assert.equal(rhythm.averageIntervalMs, 120);
    assert.equal(rhythm.suggestedDelay(150, bounds), 240);
  });

  it('answers faster on the first keystroke after a pause', () => {
    const rhythm = typed([100, 100, 100, 3000]);
    assert.equal(rhythm.suggestedDelay(150, bounds), 75);
    assert.equal(rhythm.averageIntervalMs, 100, 'the pause does not count as a typing gap');
  });

  it('follows a change of pace gradually (moving average)', () => {
    const rhythm = typed([100, 100, 100, 300]);
    const avg = rhythm.averageIntervalMs!;
    assert.ok(avg > 100 && avg < 300, String(avg));
    assert.equal(avg, 100 + 0.3 * 200);
  });

  it('keeps the suggestion within the bounds', () => {
    assert.equal(typed([900, 900, 900]).suggestedDelay(150, bounds), 400);
    assert.equal(typed([5000]).suggestedDelay(40, bounds), 30);
  });

  it('reset forgets the rhythm', () => {
    const rhythm = typed([100, 100]);
    rhythm.reset();
    assert.equal(rhythm.averageIntervalMs, undefined);
    assert.equal(rhythm.suggestedDelay(150, bounds), 75);
  });
});
