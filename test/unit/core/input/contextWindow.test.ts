import * as assert from 'node:assert/strict';
import { extractContext, type LineSource } from '../../../../src/core/input/contextWindow';

function source(lines: string[]): LineSource {
  return { lineCount: lines.length, lineAt: (i) => lines[i] };
}

/** A document of `n` generated lines that counts how many lines were read. */
function countingSource(n: number): LineSource & { reads: number } {
  const src = {
    reads: 0,
    lineCount: n,
    lineAt(i: number): string {
      if (i < 0 || i >= n) throw new RangeError(`line ${i}`);
      src.reads++;
      return `    value_${i % 97} = compute(value_${i % 89}, ${i % 7})`;
    },
  };
  return src;
}

describe('extractContext', () => {
  const doc = ['import os', '', 'def main():', '    path = os.getcwd()', '    print(path)', '', 'main()'];

  it('returns everything around the cursor when it fits', () => {
    const ctx = extractContext(source(doc), { line: 3, character: 11 }, { prefixChars: 1000, suffixChars: 1000 });
    assert.deepEqual(ctx, {
      prefix: 'import os\n\ndef main():\n    path = ',
      suffix: 'os.getcwd()\n    print(path)\n\nmain()',
      prefixStartLine: 0,
      prefixTruncated: false,
      suffixTruncated: false,
    });
  });

  it('drops whole lines from the top when the prefix is too long', () => {
    // "def main():\n" (12) + "    path = " (11) = 23 fits, adding "\n" (1) = 24 would fit, "import os\n" would not.
    const ctx = extractContext(source(doc), { line: 3, character: 11 }, { prefixChars: 25, suffixChars: 1000 });
    assert.equal(ctx.prefix, '\ndef main():\n    path = ');
    assert.equal(ctx.prefixStartLine, 1);
    assert.equal(ctx.prefixTruncated, true);
  });

  it('drops whole lines from the bottom when the suffix is too long', () => {
    const ctx = extractContext(source(doc), { line: 3, character: 11 }, { prefixChars: 1000, suffixChars: 30 });
    assert.equal(ctx.suffix, 'os.getcwd()\n    print(path)\n');
    assert.equal(ctx.suffixTruncated, true);
  });

  it('cuts the cursor line itself when it alone exceeds a limit', () => {
    const long = ['x'.repeat(50) + 'y'.repeat(50)];
    const ctx = extractContext(source(long), { line: 0, character: 50 }, { prefixChars: 10, suffixChars: 20 });
    assert.equal(ctx.prefix, 'x'.repeat(10));
    assert.equal(ctx.suffix, 'y'.repeat(20));
    assert.equal(ctx.prefixTruncated, true);
    assert.equal(ctx.suffixTruncated, true);
  });

  it('keeps the tail of a huge line above rather than sending a blank prompt', () => {
    const minified = ['var a=1;'.repeat(100), '  '];
    const ctx = extractContext(source(minified), { line: 1, character: 2 }, { prefixChars: 20, suffixChars: 20 });
    assert.equal(ctx.prefix, ';var a=1;var a=1;\n  ', 'partial line above, then the cursor line');
    assert.ok(ctx.prefix.length <= 20);
    assert.equal(ctx.prefixStartLine, 0);
    assert.equal(ctx.prefixTruncated, true);
  });

  it('does not split a surrogate pair when cutting mid-line', () => {
    const ctx = extractContext(source(['ab😀cd']), { line: 0, character: 4 }, { prefixChars: 1, suffixChars: 0 });
    assert.equal(ctx.prefix, '');
    const after = extractContext(source(['😀😀']), { line: 0, character: 0 }, { prefixChars: 0, suffixChars: 3 });
    assert.equal(after.suffix, '😀');
  });

  it('joins lines with the document line ending and counts it against the limit', () => {
    const ctx = extractContext(source(['ab', 'cd', 'ef']), { line: 1, character: 1 }, { prefixChars: 5, suffixChars: 5 }, '\r\n');
    assert.equal(ctx.prefix, 'ab\r\nc');
    assert.equal(ctx.suffix, 'd\r\nef');
  });

  it('clamps a position outside the document', () => {
    const ctx = extractContext(source(['ab', 'cd']), { line: 9, character: 99 }, { prefixChars: 100, suffixChars: 100 });
    assert.deepEqual([ctx.prefix, ctx.suffix], ['ab\ncd', '']);
    const empty = extractContext(source([]), { line: 0, character: 0 }, { prefixChars: 100, suffixChars: 100 });
    assert.deepEqual([empty.prefix, empty.suffix], ['', '']);
  });

  it('reads only the lines in the window, however long the document', () => {
    const limits = { prefixChars: 4000, suffixChars: 1000 };
    const small = countingSource(1000);
    const huge = countingSource(1_000_000);
    const a = extractContext(small, { line: 500, character: 10 }, limits);
    const b = extractContext(huge, { line: 500_000, character: 10 }, limits);
    assert.equal(small.reads, huge.reads, 'same window, same cost');
    // Lines are at least 33 characters (34 with the line break): at most that many fit, plus
    // the cursor line and the one line on each side that did not fit.
    assert.ok(huge.reads <= Math.ceil(4000 / 34) + Math.ceil(1000 / 34) + 3, `read ${huge.reads} lines`);
    assert.ok(a.prefix.length <= 4000 && b.suffix.length <= 1000);
    assert.ok(b.prefixTruncated && b.suffixTruncated);
  });

  it('stays bounded even on a document of empty lines', () => {
    let reads = 0;
    const blank: LineSource = {
      lineCount: 1_000_000,
      lineAt: () => {
        reads++;
        return '';
      },
    };
    extractContext(blank, { line: 500_000, character: 0 }, { prefixChars: 100, suffixChars: 100 });
    assert.ok(reads <= 203, `read ${reads} lines`);
  });
});
