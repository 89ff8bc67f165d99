import * as assert from 'node:assert/strict';
import { decideMultiline } from '../../../../src/core/plan/multiline';

/** `█` marks the cursor on the current line. */
function ctx(languageId: string, line: string): { linePrefix: string; lineSuffix: string; languageId: string } {
  const i = line.indexOf('█');
  return { linePrefix: line.slice(0, i), lineSuffix: line.slice(i + 1), languageId };
}

describe('decideMultiline', () => {
  const auto: Array<[languageId: string, line: string, multiline: boolean, why: string]> = [
    ['python', '    █', true, 'empty indented line'],
    ['typescript', '█', true, 'empty line'],
    ['python', 'def area(r):█', true, 'python block opener'],
    ['python', 'for x in items:  █', true, 'opener followed by trailing space'],
    ['python', '    """█', true, 'docstring opened'],
    ['python', 'x = compute(█', true, 'open call'],
    ['python', 'result = value█', false, 'mid-statement'],
    ['python', 'def area(r):█  # comment', false, 'text after the cursor'],
    ['typescript', 'function f() {█', true, 'brace opens a block'],
    ['typescript', 'function f() {█}', true, 'only an auto-closed brace after the cursor'],
    ['typescript', 'foo(█);', true, 'call with only closers after the cursor'],
    ['typescript', 'const xs = [█],', true, 'array literal'],
    ['typescript', 'const f = (a: number) =>█', true, 'arrow function'],
    ['typescriptreact', 'const C = () =>█', true, 'arrow function in TSX'],
    ['typescript', 'const total = a +█', false, 'expression in progress'],
    ['typescript', 'console.log(█, x);', false, 'arguments after the cursor'],
    ['typescript', '    case 1:█', true, 'switch case body'],
    ['typescript', 'const a = b ? c :█', false, 'ternary colon is not a block'],
    ['python', 'd = {"k":█', false, 'dict value, not a block'],
    ['go', 'func main() {█', true, 'go func body'],
    ['go', 'if err != nil {█}', true, 'go block with auto-closed brace'],
    ['go', '\tx := 1█', false, 'go statement'],
    ['go', '\tdefault:█', true, 'go switch default'],
    ['ruby', 'items.each do |item|█', true, 'ruby do block with params'],
    ['ruby', 'def greet(name)█', true, 'ruby def line'],
    ['ruby', 'if ready then█', true, 'ruby then'],
    ['ruby', 'puts name█', false, 'ruby statement'],
    ['shellscript', 'if [ -f "$f" ]; then█', true, 'shell then'],
    ['shellscript', 'for f in *.txt; do█', true, 'shell do'],
    ['shellscript', 'echo "hi"█', false, 'shell command'],
    ['javascript', 'const handler = () =>█', true, 'arrow function in JS'],
    ['python', '    else:█', true, 'python else'],
    ['python', ') -> int:█', true, 'end of a signature spread over lines'],
    ['python', 'y = xs[1:█]', false, 'slice colon'],
    ['rust', 'fn main() {█', true, 'rust fn body'],
    ['markdown', 'Some prose█', false, 'prose mid-line'],
  ];
  for (const [languageId, line, multiline, why] of auto) {
    it(`auto, ${languageId} ${JSON.stringify(line)} → ${multiline ? 'multi' : 'single'} (${why})`, () => {
      assert.equal(decideMultiline('auto', ctx(languageId, line)), multiline);
    });
  }

  it('"always" and "never" override the heuristics', () => {
    assert.equal(decideMultiline('always', ctx('python', 'x = value█ + 1')), true);
    assert.equal(decideMultiline('never', ctx('python', '    █')), false);
  });
});
