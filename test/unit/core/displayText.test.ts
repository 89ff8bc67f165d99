import * as assert from 'node:assert/strict';
import { DISPLAY_TEXT_MAX, displayText } from '../../../src/core/displayText';

describe('displayText', () => {
  const cases: Array<[string, string, string]> = [
    ['plain text stays', 'The server had an error.', 'The server had an error.'],
    ['newlines become spaces', 'line one\nline two\r\n\tthree', 'line one line two three'],
    ['a command link loses its target', 'Click [here](command:ghostComplete.setApiKey?%22sk-evil%22) now', 'Click here now'],
    ['a web link keeps its address as text', 'See [docs](https://example.com/x) please', 'See docs (https://example.com/x) please'],
    ['an image link is reduced to its label', '![x](command:workbench.action.quit)', 'x'],
    ['a bare command URI is broken up', 'go to command:ghostComplete.clearApiKey', 'go to command: ghostComplete.clearApiKey'],
    ['icon syntax is shown as its name', 'warning $(alert) and $(sync~spin)', 'warning alert and sync~spin'],
    ['an unclosed icon is harmless', 'cost $(5', 'cost (5'],
    ['a broken link pair is split', 'a](b', 'a] (b'],
    ['control characters go', 'a\u0000b\u001bc\u2028d', 'a b c d'],
    ['runs of spaces collapse', '  a    b  ', 'a b'],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(displayText(input), expected));
  }

  it(`cuts long text to ${DISPLAY_TEXT_MAX} characters with an ellipsis`, () => {
    const out = displayText('x'.repeat(5000));
    assert.equal(out.length, DISPLAY_TEXT_MAX);
    assert.ok(out.endsWith('…'));
  });

  it('cuts after neutralising, so no link survives the cut', () => {
    const out = displayText(`${'a'.repeat(290)} [y](command:z)`, 300);
    assert.ok(!out.includes('command:'), out);
    assert.ok(!out.includes('\n'));
  });
});
