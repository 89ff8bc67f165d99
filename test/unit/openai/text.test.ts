import * as assert from 'node:assert/strict';
import { formatMs, snippet } from '../../../src/openai/text';

describe('snippet', () => {
  it('flattens control characters to single spaces, trims, and bounds the length', () => {
    assert.equal(snippet('  a\r\n\tb\u0000c\u007f  '), 'a b c');
    assert.equal(snippet('x'.repeat(10), 4), 'xxxx…');
    assert.equal(snippet('abcd', 4), 'abcd');
  });
});

describe('formatMs', () => {
  it('gives ms below a second, whole or one-decimal seconds above', () => {
    assert.equal(formatMs(250.4), '250 ms');
    assert.equal(formatMs(7000), '7 s');
    assert.equal(formatMs(1500), '1.5 s');
    assert.equal(formatMs(1234), '1.2 s');
  });
});
