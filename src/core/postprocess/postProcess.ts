// Turns raw model output into the ghost text to show. It only ever cuts or trims what the
// model produced (and re-indents it to the document's style): it never invents text, and
// never strips a leading copy of what is already typed: it only ever shortens the model's text.

export interface PostProcessContext {
  /** Cursor line before the cursor. */
  linePrefix: string;
  /** Cursor line after the cursor. */
  lineSuffix: string;
  /** A few lines after the cursor line (text without line breaks). */
  nextLines: string[];
  /** False: only the rest of the cursor line is wanted. */
  multiline: boolean;
  /** The document's indentation unit (`\t` or N spaces); when given, lines 2..n are re-indented in that style. */
  indentUnit?: string;
  /** Columns per tab, used to turn spaces into tabs. Default 4. */
  tabSize?: number;
  /** Line break used in the returned text. Default `\n`. */
  eol?: string;
}

export interface ProcessedCompletion {
  /**
   * Insert at the cursor. Never blank, never ends with a line break; no trailing space
   * unless a word follows the cursor.
   */
  text: string;
  /**
   * Characters right after the cursor, on the cursor line, that `text` replaces: the model
   * re-emitted them at the end of `text` (it always ends with exactly those characters).
   * Extend the item's range over them; the shown ghost text is then exactly what ends up
   * in the document.
   */
  replaceSuffixChars: number;
}

const CLOSE_TO_OPEN: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const OPENERS = new Set(Object.values(CLOSE_TO_OPEN));
const QUOTES = new Set(['"', "'", '`']);

/** Returns the suggestion to show, or undefined when there is nothing worth showing. */
export function postProcessCompletion(raw: string, ctx: PostProcessContext): ProcessedCompletion | undefined {
  let lines = raw.split(/\r?\n/);
  // Single-line: everything up to the first line break (nothing, if the output starts with one).
  if (!ctx.multiline) lines = lines.slice(0, 1);
  const unit = ctx.indentUnit;
  if (unit) {
    // Line 1 continues the cursor line; its leading space is indentation only at column 0.
    lines = lines.map((l, i) => (i > 0 || ctx.linePrefix === '' ? reindent(l, unit, ctx.tabSize ?? 4) : l));
  }

  lines = cutAtExistingCode(lines, ctx);

  // VS Code does not show a suggestion that ends in a line break; trailing space is invisible.
  while (lines.length > 1 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.join('').trim() === '') return undefined;
  lines[lines.length - 1] = trimLineEnd(lines[lines.length - 1], ctx.lineSuffix);

  const replaceSuffixChars = repeatedSuffixChars(lines, ctx);
  const text = lines.join(ctx.eol ?? '\n');
  // Nothing left but what is already there.
  if (text.trim() === '' || text.length <= replaceSuffixChars) return undefined;
  return { text, replaceSuffixChars };
}

/**
 * The model often writes the code that already follows the cursor. Cut the suggestion at the
 * first line identical (indentation included) to the first non-blank line below the cursor.
 * Matching indentation keeps a `}` that closes the suggestion's own block from matching the
 * `}` of the enclosing one.
 */
function cutAtExistingCode(lines: string[], ctx: PostProcessContext): string[] {
  const below = ctx.nextLines.find((l) => l.trim() !== '')?.trimEnd();
  if (below === undefined) return lines;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (i === 0) {
      // Only when the model wrote the whole cursor line; the user may be retyping on purpose.
      if (ctx.linePrefix.trim() !== '') continue;
      line = ctx.linePrefix + line + (lines.length === 1 ? ctx.lineSuffix : '');
    }
    if (line.trim() !== '' && line.trimEnd() === below) return lines.slice(0, i);
  }
  return lines;
}

/** Trailing space only matters as a separator before a word that follows on the line. */
function trimLineEnd(line: string, lineSuffix: string): string {
  return /^[\p{L}\p{N}_$]/u.test(lineSuffix) ? line : line.trimEnd();
}

/**
 * When the suggestion ends with text that already follows the cursor (an auto-closed `)`,
 * a `;`, the rest of the line), accepting it as is would write that text twice. Rather than
 * trimming the model's text, report how many characters after the cursor it re-emits, so
 * the caller replaces them: the whole rest of the line if the last line ends with it,
 * otherwise the longest run of closing brackets/quotes the rest of the line starts with.
 * (Trimming would misplace a `)` the model put on a line of its own.)
 * Brackets count only when the suggestion itself closes more than it opens, so `foo()` in
 * `print(█)` keeps the `)` that belongs to `print(`; quotes only when the line's quotes
 * would otherwise be unbalanced.
 */
function repeatedSuffixChars(lines: string[], ctx: PostProcessContext): number {
  const rest = ctx.lineSuffix.trimEnd();
  if (rest === '') return 0;

  const last = lines[lines.length - 1];
  // The document line the suggestion's last line ends up on, before the rest of the line.
  const lineBefore = (lines.length === 1 ? ctx.linePrefix : '') + last;
  // Both the suggestion and the rest of the line start at the cursor, inside or outside a string.
  const atCursor = quoteStateAfter(ctx.linePrefix);
  const closed = unmatchedClosers(lines.join('\n'), atCursor);
  const isRepeat = (tail: string): boolean =>
    last.endsWith(tail) && closesAll(closed, unmatchedClosers(tail, atCursor)) && quotesBalanced(lineBefore, tail);

  if (isRepeat(rest)) return rest.length;
  for (let m = leadingClosers(rest); m > 0; m--) {
    if (isRepeat(rest.slice(0, m))) return m;
  }
  return 0;
}

/** Closing brackets in `text` without an opener in `text`, by kind; strings are skipped. */
function unmatchedClosers(text: string, startQuote: string | undefined): Map<string, number> {
  const unmatched = new Map<string, number>();
  const stack: string[] = [];
  let quote = startQuote;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote !== undefined) {
      if (ch === '\\') i++;
      else if (ch === quote || ch === '\n') quote = undefined;
      continue;
    }
    if (QUOTES.has(ch)) quote = ch;
    else if (OPENERS.has(ch)) stack.push(ch);
    else if (ch in CLOSE_TO_OPEN) {
      if (stack.length > 0 && stack[stack.length - 1] === CLOSE_TO_OPEN[ch]) stack.pop();
      else unmatched.set(ch, (unmatched.get(ch) ?? 0) + 1);
    }
  }
  return unmatched;
}

/** Does the suggestion close at least the brackets the text after the cursor would close? */
function closesAll(closed: Map<string, number>, needed: Map<string, number>): boolean {
  for (const [ch, n] of needed) {
    if ((closed.get(ch) ?? 0) < n) return false;
  }
  return true;
}

/** For each quote `tail` has an odd number of, `line` (which ends with `tail`) must already be balanced. */
function quotesBalanced(line: string, tail: string): boolean {
  for (const q of QUOTES) {
    if (count(tail, q) % 2 === 1 && count(line, q) % 2 === 1) return false;
  }
  return true;
}

/** The quote a string opened in `linePrefix` is still waiting for, if any. */
function quoteStateAfter(linePrefix: string): string | undefined {
  let quote: string | undefined;
  for (let i = 0; i < linePrefix.length; i++) {
    const ch = linePrefix[i];
    if (quote !== undefined) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (QUOTES.has(ch)) {
      quote = ch;
    }
  }
  return quote;
}

function leadingClosers(text: string): number {
  let n = 0;
  while (n < text.length && (text[n] in CLOSE_TO_OPEN || QUOTES.has(text[n]))) n++;
  return n;
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

/** Re-expresses a line's leading indentation in the document's style (tabs or spaces). */
function reindent(line: string, indentUnit: string, tabSize: number): string {
  const indent = /^[ \t]*/.exec(line)![0];
  if (indent === '') return line;
  const body = line.slice(indent.length);
  if (indentUnit.startsWith('\t')) {
    if (!indent.includes(' ')) return line;
    let width = 0;
    for (const ch of indent) width = ch === '\t' ? width + tabSize - (width % tabSize) : width + 1;
    return '\t'.repeat(Math.floor(width / tabSize)) + ' '.repeat(width % tabSize) + body;
  }
  if (!indent.includes('\t')) return line;
  // A tab is one indentation level, whatever its width.
  return indent.replace(/\t/g, indentUnit) + body;
}
