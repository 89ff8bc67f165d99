// Cuts the text around the cursor out of a document, reading only the lines that end up in
// the window: a 100,000-line file costs no more than a 100-line one.

/** Read access to a document's lines (text without the line break). */
export interface LineSource {
  lineCount: number;
  lineAt(line: number): string;
}

export interface ContextPosition {
  line: number;
  character: number;
}

export interface ContextLimits {
  /** Most characters of text before the cursor. */
  prefixChars: number;
  /** Most characters of text after the cursor. */
  suffixChars: number;
}

export interface ExtractedContext {
  prefix: string;
  suffix: string;
  /** Document line where `prefix` begins (possibly partway into that line; see below). */
  prefixStartLine: number;
  /** Earlier text was left out. */
  prefixTruncated: boolean;
  /** Later text was left out. */
  suffixTruncated: boolean;
}

/**
 * Text before and after `pos`, each bounded by its limit and cut at line boundaries, so the
 * model sees whole lines. Exceptions, so the model never gets less than it could use:
 * the cursor line itself is cut mid-line when it alone exceeds a limit, and when no whole
 * earlier line fits and the prefix would be blank, the tail of the line above is kept.
 */
export function extractContext(
  src: LineSource,
  pos: ContextPosition,
  limits: ContextLimits,
  eol = '\n',
): ExtractedContext {
  const prefixChars = Math.max(0, Math.floor(limits.prefixChars));
  const suffixChars = Math.max(0, Math.floor(limits.suffixChars));
  const last = src.lineCount - 1;
  if (last < 0) {
    return { prefix: '', suffix: '', prefixStartLine: 0, prefixTruncated: false, suffixTruncated: false };
  }
  const line = clamp(pos.line, 0, last);
  const cursorLine = src.lineAt(line);
  const character = clamp(pos.character, 0, cursorLine.length);

  // Before the cursor: whole lines, walking upwards until the next one would not fit.
  const head = cursorLine.slice(0, character);
  const before: string[] = [];
  let prefixStartLine = line;
  let prefixTruncated = false;
  let used: number;
  if (head.length > prefixChars) {
    before.push(tailOf(head, prefixChars));
    used = prefixChars;
    prefixTruncated = true;
  } else {
    before.push(head);
    used = head.length;
    for (let l = line - 1; l >= 0; l--) {
      const text = src.lineAt(l);
      const cost = text.length + eol.length;
      if (used + cost > prefixChars) {
        prefixTruncated = true;
        const room = prefixChars - used - eol.length;
        // Nothing worth sending yet: part of the line above beats a blank prompt.
        if (before.every((t) => t.trim() === '') && room > 0) {
          before.push(tailOf(text, room) + eol);
          prefixStartLine = l;
        }
        break;
      }
      before.push(text + eol);
      used += cost;
      prefixStartLine = l;
    }
  }

  // After the cursor: the rest of the line, then whole lines while they fit.
  const rest = cursorLine.slice(character);
  const after: string[] = [];
  let suffixTruncated = false;
  if (rest.length > suffixChars) {
    after.push(headOf(rest, suffixChars));
    suffixTruncated = true;
  } else {
    after.push(rest);
    let size = rest.length;
    for (let l = line + 1; l <= last; l++) {
      const text = src.lineAt(l);
      const cost = eol.length + text.length;
      if (size + cost > suffixChars) {
        suffixTruncated = true;
        break;
      }
      after.push(eol + text);
      size += cost;
    }
  }

  return {
    prefix: before.reverse().join(''),
    suffix: after.join(''),
    prefixStartLine,
    prefixTruncated,
    suffixTruncated,
  };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.floor(n)));
}

/** Last `n` characters, without starting on the second half of a surrogate pair. */
function tailOf(text: string, n: number): string {
  let start = text.length - n;
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start++;
  return text.slice(Math.max(0, start));
}

/** First `n` characters, without ending on the first half of a surrogate pair. */
function headOf(text: string, n: number): string {
  let end = n;
  if (end > 0 && end < text.length && isLowSurrogate(text.charCodeAt(end))) end--;
  return text.slice(0, end);
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
