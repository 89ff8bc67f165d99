// How an answer written into the document (Complete Selection) should end: never with a half
// word when the user stops it, never with a line break that doubles the one already there.

/** The length of `text` that ends at a whole word: a stream cut mid-word ("the park gre") keeps "the park". */
export function wholeWordsLength(text: string): number {
  if (text === '' || /\s$/.test(text)) return text.length;
  const lastSpace = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\t'), text.lastIndexOf('\n'));
  if (lastSpace < 0) return 0;
  // Drop the spaces before the cut word too, but keep a line break (it ends a whole line).
  let end = lastSpace + 1;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return end;
}

/**
 * How many characters of line breaks at the end of `inserted` to drop, given the text that
 * follows the insertion point: a break there already (or the end of the document) makes the
 * answer's own final break an extra blank line.
 */
export function redundantTrailingBreak(inserted: string, after: string): number {
  const trailing = /(\r?\n)+$/.exec(inserted)?.[0] ?? '';
  if (trailing === '') return 0;
  if (after === '' || after.startsWith('\n') || after.startsWith('\r\n')) return trailing.length;
  return 0;
}
