import * as assert from 'node:assert/strict';
import { parseRetryAfter } from '../../../src/openai/retryAfter';

describe('parseRetryAfter', () => {
  it('reads retry-after-ms, retry-after seconds and HTTP dates', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter({ 'retry-after-ms': '250.5' }, now), 251);
    assert.equal(parseRetryAfter({ 'retry-after': '2' }, now), 2000);
    assert.equal(parseRetryAfter({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }, now), 30000);
    assert.equal(parseRetryAfter({ 'retry-after': 'Tue, 31 Dec 2024 00:00:00 GMT' }, now), 0);
    assert.equal(parseRetryAfter({ 'retry-after': 'soon' }, now), undefined);
    assert.equal(parseRetryAfter({}, now), undefined);
  });

  it('takes the first of repeated headers, ignores surrounding spaces, and rounds up', () => {
    assert.equal(parseRetryAfter({ 'retry-after': ['3', '9'] }), 3000);
    assert.equal(parseRetryAfter({ 'retry-after-ms': ' 0.2 ' }), 1);
    assert.equal(parseRetryAfter({ 'retry-after-ms': 'later', 'retry-after': '1.5' }), 1500);
  });
});
