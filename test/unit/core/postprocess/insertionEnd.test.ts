import * as assert from 'node:assert/strict';
import { redundantTrailingBreak, wholeWordsLength } from '../../../../src/core/postprocess/insertionEnd';

describe('insertionEnd', () => {
  it('keeps whole words of a stream stopped mid-word', () => {
    const cases: [string, string][] = [
      ['the park gre', 'the park'],
      ['the park ', 'the park '],
      ['line one\nsec', 'line one\n'],
      ['gre', ''],
      ['', ''],
      ['done.\n', 'done.\n'],
    ];
    for (const [text, kept] of cases) assert.equal(text.slice(0, wholeWordsLength(text)), kept, JSON.stringify(text));
  });

  it('drops a final line break that would double the one after the insertion point', () => {
    assert.equal(redundantTrailingBreak('and more.\n', '\nNext paragraph.'), 1);
    assert.equal(redundantTrailingBreak('and more.\r\n', '\r\nNext'), 2);
    assert.equal(redundantTrailingBreak('and more.\n\n', ''), 2);
    assert.equal(redundantTrailingBreak('and more.\n', 'rest of the line'), 0);
    assert.equal(redundantTrailingBreak('and more.', '\n'), 0);
  });
});
