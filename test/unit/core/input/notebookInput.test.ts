import * as assert from 'node:assert/strict';
import { withNotebookCells, type NotebookCellText } from '../../../../src/core/input/notebookInput';
import { asComment, lineCommentOf } from '../../../../src/core/input/lineComments';
import { DEFAULT_SETTINGS } from '../../../../src/core/settings';
import { inputAtCursor } from '../../../support/cursorFixture';

const code = (text: string): NotebookCellText => ({ kind: 'code', languageId: 'python', text });
const markup = (text: string): NotebookCellText => ({ kind: 'markup', languageId: 'markdown', text });
const WIDE = { prefixChars: 10_000, suffixChars: 10_000 };

describe('withNotebookCells', () => {
  const cursorCell = 'def area(r):\n    return █';
  const cells = [code('import math'), markup('# Areas\nCircles first.'), code(''), code('x'), code('print(area(2))')];

  it('puts the earlier cells, in order, before the cell and the later cells after it', () => {
    const input = withNotebookCells(inputAtCursor(cursorCell, DEFAULT_SETTINGS), cells, 3, WIDE);
    assert.equal(input.prefix, 'import math\n\n# # Areas\n# Circles first.\n\ndef area(r):\n    return ');
    assert.equal(input.suffix, '\n\nprint(area(2))');
    // The cursor cell's own view is unchanged.
    assert.equal(input.linePrefix, '    return ');
  });

  it('takes the nearest cells first and stops at the first that does not fit', () => {
    const base = inputAtCursor(cursorCell, DEFAULT_SETTINGS);
    const limits = { prefixChars: base.prefix.length + 30, suffixChars: 0 };
    const input = withNotebookCells(base, cells, 3, limits);
    assert.equal(input.prefix, '# # Areas\n# Circles first.\n\ndef area(r):\n    return ');
    assert.equal(input.suffix, '');
  });

  it('writes the cells with the document line ending', () => {
    const base = { ...inputAtCursor('y = █', DEFAULT_SETTINGS), eol: '\r\n' as const };
    const input = withNotebookCells(base, [code('a = 1\nb = 2'), code('y')], 1, WIDE);
    assert.equal(input.prefix, 'a = 1\r\nb = 2\r\n\r\ny = ');
  });

  it('leaves a lone cell as it is', () => {
    const base = inputAtCursor('x = █', DEFAULT_SETTINGS);
    assert.equal(withNotebookCells(base, [code('x = ')], 0, WIDE), base);
  });
});

describe('lineComments', () => {
  it('comments each line in the language of the code cell', () => {
    assert.equal(asComment('Title\n\nText', 'python'), '# Title\n#\n# Text');
    assert.equal(asComment('Title', 'typescript'), '// Title');
    assert.equal(lineCommentOf('r'), '#');
    assert.equal(lineCommentOf('sql'), '--');
  });
});
