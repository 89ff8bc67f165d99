import * as assert from 'node:assert/strict';
import { CompletionError } from '../../../../src/core/completionError';
import { gateText } from '../../../../src/core/stream/gateText';

const error = new CompletionError('rate-limited', 'slow down');

describe('gateText', () => {
  it('says nothing while requests flow', () => {
    assert.equal(gateText({ kind: 'open' }, 0), undefined);
  });

  it('counts down a rate limit in whole seconds', () => {
    const text = gateText({ kind: 'waiting', until: 12_000, reason: 'rate-limited', error }, 400);
    assert.equal(text?.message, 'rate limited, retrying in 12 s');
  });

  it('keeps the error\'s own words for failures in a row, and says when it retries', () => {
    const text = gateText({ kind: 'waiting', until: 4_000, reason: 'failing', error }, 0);
    assert.equal(text?.message, undefined);
    assert.match(text?.explanation ?? '', /Retrying in 4 s/);
  });

  it('says what brings a blocked extension back', () => {
    for (const reason of ['key', 'quota', 'not-found'] as const) {
      const text = gateText({ kind: 'blocked', reason, error }, 0);
      assert.ok(text && text.message !== undefined && text.message.length < 40 && /resume|until|set/i.test(text.explanation), `${reason}: ${JSON.stringify(text)}`);
    }
  });
});
