import * as assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { AbortError, delay, isAbortError } from '../../../src/core/debounce';

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
