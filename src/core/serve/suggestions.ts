// Turns a flight's choices into suggestions for the cursor: the part past what the user typed,
// post-processed for the line it lands on, without duplicates.

import type { CompletionInput, Suggestion } from '../input/completionInput';
import { postProcessCompletion } from '../postprocess/postProcess';
import type { Flight } from '../reuse/flight';
import { usefulPart } from './usefulPart';

/** Undefined when the finished answer does not continue what the user typed: ask anew. */
export function suggestionsFrom(flight: Flight, typed: string, input: CompletionInput): Suggestion[] | undefined {
  // The answer went another way than the user typed meanwhile, or ended before it: not ours to serve.
  const continues = (c: { text: string }) => c.text.startsWith(typed) && typed.length <= c.text.trimEnd().length;
  if (typed !== '' && flight.answered && !flight.choices.some(continues)) return undefined;

  const suggestions: Suggestion[] = [];
  const seen = new Set<string>();
  for (const choice of flight.choices) {
    if (!choice.text.startsWith(typed)) continue;
    const part = choice.done ? choice.text.slice(typed.length) : usefulPart(choice, typed);
    if (part === undefined) continue;
    const processed = postProcessCompletion(part, {
      linePrefix: input.linePrefix,
      lineSuffix: input.lineSuffix,
      nextLines: input.nextLines,
      multiline: !flight.singleLine,
      indentUnit: input.indentUnit,
      tabSize: input.tabSize,
      eol: input.eol,
    });
    if (!processed || seen.has(processed.text)) continue;
    seen.add(processed.text);
    suggestions.push(processed);
  }
  return suggestions;
}
