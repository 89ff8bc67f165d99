import * as assert from 'node:assert/strict';
import { asComment, commentStyleFor } from '../../../../src/core/context/commentStyle';

describe('commentStyleFor / asComment', () => {
  const cases: Array<{ lang: string; text: string; comment: string | undefined }> = [
    { lang: 'typescript', text: 'const a = 1;', comment: '// const a = 1;\n' },
    { lang: 'python', text: 'def f():\n    pass', comment: '# def f():\n#     pass\n' },
    { lang: 'sql', text: 'SELECT 1', comment: '-- SELECT 1\n' },
    { lang: 'clojure', text: '(defn f [])', comment: '; (defn f [])\n' },
    { lang: 'latex', text: '\\section{A}', comment: '% \\section{A}\n' },
    { lang: 'css', text: 'a { color: red }', comment: '/* a { color: red } */\n' },
    { lang: 'css', text: 'x /* y */ z', comment: '/* x /* y * / z */\n' },
    { lang: 'html', text: '<!-- a --> <b>', comment: '<!-- <!-- a -- > <b> -->\n' },
    { lang: 'go', text: 'a\r\nb', comment: '// a\n// b\n' },
    { lang: 'python', text: 'x = 1\n\ny = 2', comment: '# x = 1\n#\n# y = 2\n' },
    { lang: 'json', text: '{}', comment: undefined },
    { lang: 'plaintext', text: 'hello', comment: undefined },
  ];
  for (const c of cases) {
    it(`${c.lang}: ${JSON.stringify(c.text)}`, () => {
      const style = commentStyleFor(c.lang);
      assert.equal(style && asComment(c.text, style), c.comment);
    });
  }

  it('knows no style for inherited object keys', () => {
    assert.equal(commentStyleFor('constructor'), undefined);
  });
});
