// How each language starts a line comment, so a notebook's markdown cells can be shown to the
// model as comments of the code cell's language instead of as stray prose.

const SLASHES = ['c', 'cpp', 'csharp', 'dart', 'fsharp', 'go', 'groovy', 'java', 'javascript', 'javascriptreact', 'kotlin', 'rust', 'scala', 'swift', 'typescript', 'typescriptreact'];
const DASHES = ['haskell', 'lua', 'sql'];
const PERCENT = ['latex', 'matlab', 'erlang'];
const SEMICOLON = ['clojure', 'scheme', 'lisp'];

const BY_LANGUAGE: ReadonlyMap<string, string> = new Map([
  ...SLASHES.map((id) => [id, '//'] as const),
  ...DASHES.map((id) => [id, '--'] as const),
  ...PERCENT.map((id) => [id, '%'] as const),
  ...SEMICOLON.map((id) => [id, ';'] as const),
]);

/** The line-comment marker of `languageId`; `#` (Python, R, Julia, shells: most notebook kernels) otherwise. */
export function lineCommentOf(languageId: string): string {
  return BY_LANGUAGE.get(languageId) ?? '#';
}

/** `text` with every line commented out in `languageId` (blank lines get a bare marker). */
export function asComment(text: string, languageId: string): string {
  const marker = lineCommentOf(languageId);
  return text
    .split(/\r?\n/)
    .map((line) => (line.trim() === '' ? marker : `${marker} ${line}`))
    .join('\n');
}
