import * as assert from 'node:assert/strict';
import { CompletionError } from '../../../../src/core/completionError';
import { MAX_WAIT_MS, RequestGate } from '../../../../src/core/stream/requestGate';

function clock() {
  const c = { t: 1_000_000, now: () => c.t };
  return c;
}

describe('RequestGate', () => {
  it('a huge Retry-After waits at most a minute, then requests flow again', () => {
    const c = clock();
    const gate = new RequestGate(c.now, () => 0.5);
    gate.record(new CompletionError('rate-limited', 'slow down', { status: 429, retryAfterMs: 999_999_999_000 }));
    assert.equal(gate.allows(false), false);
    const state = gate.state;
    assert.ok(state.kind === 'waiting' && state.until - c.t === MAX_WAIT_MS, JSON.stringify(state));
    c.t += MAX_WAIT_MS;
    assert.equal(gate.allows(false), true);
  });

  it('a rejected key, an exhausted quota or a missing model stop automatic requests until reopened', () => {
    const cases = [
      new CompletionError('unauthorized', 'bad key', { status: 401, code: 'invalid_api_key' }),
      new CompletionError('rate-limited', 'quota', { status: 429, code: 'insufficient_quota', retryAfterMs: 1000 }),
      new CompletionError('not-found', 'no model', { status: 404, code: 'model_not_found' }),
    ];
    for (const error of cases) {
      const c = clock();
      const gate = new RequestGate(c.now);
      gate.record(error);
      c.t += 3_600_000;
      assert.equal(gate.allows(false), false, `${error.kind}: still paused an hour later`);
      assert.equal(gate.state.kind, 'blocked');
      // The user asking explicitly is always let through.
      assert.equal(gate.allows(true), true);
      gate.open();
      assert.equal(gate.allows(false), true);
    }
  });

  it('repeated server errors back off, bounded and jittered, and recover on success', () => {
    const c = clock();
    const waits: number[] = [];
    const gate = new RequestGate(c.now, () => 0.999);
    for (let i = 0; i < 12; i++) {
      gate.record(new CompletionError('server', 'boom', { status: 500 }));
      const state = gate.state;
      assert.equal(state.kind, 'waiting');
      waits.push((state as { until: number }).until - c.t);
      c.t = (state as { until: number }).until;
    }
    assert.ok(waits[1] > waits[0] && waits[2] > waits[1], `growing: ${waits.join(', ')}`);
    assert.ok(waits.every((w) => w > 0 && w <= MAX_WAIT_MS), `bounded: ${waits.join(', ')}`);
    gate.record(undefined);
    gate.record(new CompletionError('server', 'boom', { status: 500 }));
    const after = gate.state as { until: number };
    assert.ok(after.until - c.t <= 1000, 'a success starts the back-off over');
  });

  it('jitter spreads the waits of windows that failed together', () => {
    const waits = [0, 0.5, 0.99].map((r) => {
      const c = clock();
      const gate = new RequestGate(c.now, () => r);
      for (let i = 0; i < 4; i++) gate.record(new CompletionError('network', 'down'));
      return (gate.state as { until: number }).until - c.t;
    });
    assert.equal(new Set(waits).size, 3);
  });

  it('a cancelled request changes nothing', () => {
    const gate = new RequestGate(clock().now);
    gate.record(new CompletionError('aborted', 'cancelled'));
    assert.equal(gate.state.kind, 'open');
  });
});
