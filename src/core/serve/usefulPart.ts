// What of a streaming answer is worth showing: complete lines only, so no half-written word
// flashes up. A shown suggestion is never re-asked while its stream goes on: VS Code's stable API
// can only re-ask a shown suggestion by hiding it, and each hide + trigger made the ghost text
// vanish (5 times, 179 ms in all, for a 6-line answer at 120 ms per token). The rest of the
// answer reaches the user with the next keystroke or Tab, served from the stream at once.

import type { ChoiceState } from '../stream/consumeStream';

/**
 * The text after `typed` up to its last complete line, or undefined while no line is complete.
 * A held-back newline counts: stop sequences that start with it can only cut right there.
 */
export function usefulPart(choice: Pick<ChoiceState, 'text' | 'held'>, typed: string): string | undefined {
  const text = choice.held.startsWith('\n') ? `${choice.text}\n` : choice.text;
  if (!text.startsWith(typed)) return undefined;
  const rest = text.slice(typed.length);
  const lastNewline = rest.lastIndexOf('\n');
  if (lastNewline <= 0) return undefined;
  const complete = rest.slice(0, lastNewline);
  return complete.trim() === '' ? undefined : complete;
}
