import * as assert from 'node:assert/strict';
import { buildCompletionInput, type InputDocument } from '../../../../src/core/input/buildInput';
import { DEFAULT_SETTINGS } from '../../../../src/core/settings';
import { inputAtCursor } from '../../../support/cursorFixture';

function documentOf(lines: string[], eol: '\n' | '\r\n' = '\n'): InputDocument {
  return {
    key: 'file:///project/a.py',
    languageId: 'python',
    eol,
    lineCount: lines.length,
    lineAt: (line) => lines[line],
    offsetAt: ({ line, character }) => lines.slice(0, line).reduce((n, l) => n + l.length + eol.length, 0) + character,
    indentUnit: '    ',
    tabSize: 4,
  };
}

describe('buildCompletionInput', () => {
  it('describes the cursor line, the lines after it and the document', () => {
    const input = inputAtCursor('def f(a):\n    return █a\n\nx = f(1)\n', DEFAULT_SETTINGS);
    assert.equal(input.prefix, 'def f(a):\n    return ');
    assert.equal(input.suffix, 'a\n\nx = f(1)\n');
    assert.equal(input.linePrefix, '    return ');
    assert.equal(input.lineSuffix, 'a');
    assert.deepEqual(input.nextLines, ['', 'x = f(1)', '']);
    assert.equal(input.offset, 21);
    assert.equal(input.eol, '\n');
  });

  it('completes as if the selected suggest-widget item were already typed', () => {
    const doc = documentOf(['import os', 'p = os.pa', 'q = 1']);
    const input = buildCompletionInput(doc, {
      position: { line: 1, character: 9 },
      settings: DEFAULT_SETTINGS,
      explicit: false,
      selected: { start: { line: 1, character: 7 }, text: 'path' },
    });
    assert.equal(input.prefix, 'import os\np = os.path');
    assert.equal(input.linePrefix, 'p = os.path');
    assert.equal(input.lineSuffix, '');
    assert.equal(input.suffix, '\nq = 1');
    assert.equal(input.offset, 10 + 7 + 4);
  });

  it('keeps the document line ending and indentation', () => {
    const input = buildCompletionInput(documentOf(['a = 1', 'b = 2', ''], '\r\n'), {
      position: { line: 1, character: 5 },
      settings: DEFAULT_SETTINGS,
      explicit: true,
      apiKey: 'sk-test',
    });
    assert.equal(input.prefix, 'a = 1\r\nb = 2');
    assert.equal(input.eol, '\r\n');
    assert.equal(input.indentUnit, '    ');
    assert.equal(input.tabSize, 4);
    assert.equal(input.offset, 12);
    assert.equal(input.explicit, true);
  });

  it('reads only the ends of a minified 10 MB line near the cursor, not the whole line', () => {
    const huge = `x = [${'1, '.repeat(3_400_000)}`;
    const lines = ['import os', huge, huge];
    const input = buildCompletionInput(documentOf(lines), {
      position: { line: 1, character: 5_000_000 },
      settings: DEFAULT_SETTINGS,
      explicit: false,
    });
    assert.ok(input.linePrefix.length <= 2000 && huge.slice(0, 5_000_000).endsWith(input.linePrefix), `linePrefix ${input.linePrefix.length}`);
    assert.ok(input.lineSuffix.length <= 2000 && huge.slice(5_000_000).startsWith(input.lineSuffix), `lineSuffix ${input.lineSuffix.length}`);
    assert.ok(input.nextLines.every((l) => l.length <= 2000));
    assert.ok(input.prefix.length + input.suffix.length < 100_000, `window ${input.prefix.length} + ${input.suffix.length}`);
    assert.equal(input.offset, 'import os\n'.length + 5_000_000);
  });
});
