// Decides whether to ask for a multi-line suggestion or just the rest of the current line.
// Multi-line suggestions are slower and costlier, and only welcome where a block of code is
// about to be written: on an empty line, or right after something that opens a block.

export interface MultilineContext {
  /** Text of the cursor line before the cursor. */
  linePrefix: string;
  /** Text of the cursor line after the cursor. */
  lineSuffix: string;
  languageId: string;
}

// Text after the cursor that a block can be written in front of, e.g. an auto-closed `}` or `);`.
const ONLY_CLOSERS = /^[\s)\]}]*[;,]?\s*$/;

// Endings that open a block in every language we support (brace, call or literal spread over lines).
const COMMON_OPENERS = /[{([]$/;

// Endings that open a block in one language family (tested against the line without trailing space).
const OPENERS_BY_LANGUAGE: Record<string, RegExp> = {
  // A colon opens a block only after a compound-statement keyword (not in `{"k":` or a slice),
  // or after the `)` that ends a signature spread over several lines.
  python: /(^\s*(async\s+)?(def|class|if|elif|else|for|while|try|except|finally|with|match|case)\b.*:|^\s*\).*:|"""|''')$/,
  javascript: /=>$/,
  typescript: /=>$/,
  ruby: /(\bdo(\s*\|[^|]*\|)?|\bthen|\bbegin|\belse)$/,
  shellscript: /(\bthen|\bdo|\belse)$/,
  lua: /(\bthen|\bdo|\bfunction\s*[\w.:]*\s*\([^)]*\)|\belse)$/,
};
OPENERS_BY_LANGUAGE.javascriptreact = OPENERS_BY_LANGUAGE.javascript;
OPENERS_BY_LANGUAGE.typescriptreact = OPENERS_BY_LANGUAGE.typescript;

// Lines that open a block by their first word, without a closing token on the line.
const BLOCK_KEYWORD_LINES: Record<string, RegExp> = {
  ruby: /^\s*(def|class|module|if|unless|while|until|case|for)\b/,
};

// `case x:` / `default:` start a branch body in switch statements.
const SWITCH_LABEL = /^\s*(case\b.*|default\s*):$/;
const SWITCH_LANGUAGES = new Set([
  'javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'go', 'java', 'c', 'cpp', 'csharp', 'php',
]);

export function decideMultiline(mode: 'auto' | 'always' | 'never', ctx: MultilineContext): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;

  // Code after the cursor on this line: the suggestion has to fit in front of it.
  if (!ONLY_CLOSERS.test(ctx.lineSuffix)) return false;

  const line = ctx.linePrefix.trimEnd();
  if (line === '') return true;
  if (COMMON_OPENERS.test(line)) return true;
  if (OPENERS_BY_LANGUAGE[ctx.languageId]?.test(line)) return true;
  if (BLOCK_KEYWORD_LINES[ctx.languageId]?.test(line)) return true;
  if (SWITCH_LANGUAGES.has(ctx.languageId) && SWITCH_LABEL.test(line)) return true;
  // Mid-statement: finish this line only.
  return false;
}
