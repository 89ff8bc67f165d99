// How a line of the current file's language is made a comment, so that snippets of other files
// read as part of the file. Languages without comments (JSON, plain text) get no context at all.

export interface CommentStyle {
  /** Starts every line (e.g. `// `, `# `). */
  line: string;
  /** Closes every line, for languages with only block comments (CSS, HTML). */
  close?: string;
}

const SLASHES: CommentStyle = { line: '// ' };
const HASH: CommentStyle = { line: '# ' };
const DASHES: CommentStyle = { line: '-- ' };
const SEMICOLON: CommentStyle = { line: '; ' };
const PERCENT: CommentStyle = { line: '% ' };
const BLOCK: CommentStyle = { line: '/* ', close: ' */' };
const MARKUP: CommentStyle = { line: '<!-- ', close: ' -->' };

const BY_LANGUAGE: Readonly<Record<string, CommentStyle>> = {
  ...Object.fromEntries(
    [
      'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'java', 'c', 'cpp', 'csharp', 'go', 'rust',
      'swift', 'kotlin', 'scala', 'php', 'dart', 'groovy', 'objective-c', 'objective-cpp', 'jsonc', 'fsharp', 'vue',
      'svelte', 'zig', 'proto', 'solidity', 'less', 'scss',
    ].map((id) => [id, SLASHES]),
  ),
  ...Object.fromEntries(
    [
      'python', 'ruby', 'shellscript', 'perl', 'r', 'yaml', 'toml', 'dockerfile', 'makefile', 'powershell', 'elixir',
      'julia', 'nim', 'coffeescript', 'cmake', 'terraform', 'graphql', 'nix', 'crystal', 'raku', 'ini',
    ].map((id) => [id, HASH]),
  ),
  ...Object.fromEntries(['sql', 'lua', 'haskell', 'elm', 'ada', 'purescript'].map((id) => [id, DASHES])),
  ...Object.fromEntries(['clojure', 'scheme', 'lisp', 'racket', 'asm'].map((id) => [id, SEMICOLON])),
  ...Object.fromEntries(['latex', 'tex', 'erlang', 'matlab', 'prolog'].map((id) => [id, PERCENT])),
  css: BLOCK,
  html: MARKUP,
  xml: MARKUP,
  markdown: MARKUP,
};

export function commentStyleFor(languageId: string): CommentStyle | undefined {
  return Object.prototype.hasOwnProperty.call(BY_LANGUAGE, languageId) ? BY_LANGUAGE[languageId] : undefined;
}

// `text` as comment lines of `style`, each ending with a newline. A snippet cannot end the comment early.
export function asComment(text: string, style: CommentStyle): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return lines
    .map((line) => {
      const body = style.close ? line.split(style.close.trim()).join(neutralized(style.close.trim())) : line;
      return `${style.line}${body}${style.close ?? ''}`.trimEnd() + '\n';
    })
    .join('');
}

// A star-slash becomes star-space-slash, `-->` becomes `-- >`: same to a reader, no longer a comment end.
function neutralized(close: string): string {
  return `${close.slice(0, -1)} ${close.slice(-1)}`;
}
