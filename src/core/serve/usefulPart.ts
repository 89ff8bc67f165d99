// What of a streaming answer is worth showing: complete lines only, so the suggestion grows
// line by line and no half-written word flashes up.

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

/** What a provider call would show of a choice now: complete lines while streaming, all once done. */
export function showable(choice: ChoiceState | undefined): string {
  if (!choice) return '';
  return choice.done ? choice.text : usefulPart(choice, '') ?? '';
}
