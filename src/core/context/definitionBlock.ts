// Where a definition ends, judged by indentation: a language server says where a definition
// starts (often only its name), and the model needs its signature and the lines that follow.

const OPENS_BLOCK = /[{([:]\s*$|=>\s*$/;
const STARTS_WITH_CLOSER = /^[)}\]]/;

/**
 * Lines [start, end) of the definition starting on `startLine`: the decorators above it, then
 * every line indented deeper than it, up to the closing bracket at its own indentation, at most
 * `maxLines` lines in all.
 */
export function definitionBlock(lines: readonly string[], startLine: number, maxLines: number): { startLine: number; endLine: number } {
  const first = Math.max(0, Math.min(startLine, lines.length - 1));
  let start = first;
  while (start > 0 && /^\s*@/.test(lines[start - 1]!) && first - start < 3) start--;
  const indent = indentOf(lines[first] ?? '');
  let end = first + 1;
  const open = OPENS_BLOCK.test(lines[first] ?? '');
  while (end < lines.length && end - start < maxLines) {
    const line = lines[end]!;
    if (line.trim() === '') {
      end++;
      continue;
    }
    const deeper = indentOf(line) > indent;
    if (deeper && open) {
      end++;
      continue;
    }
    if (!deeper && open && STARTS_WITH_CLOSER.test(line.trimStart())) {
      // `}` ends the block; `) {` or `): Type {` closes a long signature and opens the body.
      end++;
      if (!OPENS_BLOCK.test(line)) break;
      continue;
    }
    break;
  }
  // Trailing blank lines carry nothing.
  while (end > first + 1 && lines[end - 1]!.trim() === '') end--;
  return { startLine: start, endLine: end };
}

function indentOf(line: string): number {
  const m = /^[ \t]*/.exec(line)![0];
  return m.replace(/\t/g, '    ').length;
}

/**
 * The text of a definition, short enough to sit beside others: a block of at most `full` lines
 * whole; a longer one as its outline (the lines at its first level: a class's fields and
 * method signatures, a function's top-level statements), at most `maxLines` lines.
 */
export function definitionText(lines: readonly string[], block: { startLine: number; endLine: number }, full: number, maxLines: number): string {
  const body = lines.slice(block.startLine, block.endLine);
  if (body.length <= full) return body.join('\n');
  const head = body.findIndex((l) => !/^\s*@/.test(l));
  const base = indentOf(body[head] ?? '');
  const member = body.slice(head + 1).find((l) => l.trim() !== '' && indentOf(l) > base);
  const level = member === undefined ? base : indentOf(member);
  return body
    .filter((l, i) => i <= head || (l.trim() !== '' && indentOf(l) <= level))
    .slice(0, maxLines)
    .join('\n');
}
