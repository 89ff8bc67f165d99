// Finds an earlier answer that still serves the keystroke: typing through a suggestion,
// Backspace, or the re-query after it grew. Serving from it costs no request.

import type { CompletionInput } from '../input/completionInput';
import type { LruCache } from '../lruCache';
import type { Flight } from './flight';
import { flightCacheKey, KEY_TAIL_CHARS, type FlightKey } from './flightKey';

export interface ServingFlight {
  flight: Flight;
  /** What the user typed since the flight's request (the start of its answer). */
  typed: string;
}

/**
 * Same place (the text before the cursor is the flight's prompt plus what the user typed
 * since), same text after the cursor, and the typed characters are the start of the answer.
 */
export function findServingFlight(
  flights: LruCache<string, Flight>,
  input: CompletionInput,
  key: FlightKey,
  wanted: number,
): ServingFlight | undefined {
  // Same place as an earlier answer (Backspace, or asked again): one lookup.
  const exact = flights.get(flightCacheKey(key));
  // Otherwise newest first: the most recent answer for a place is the one the user saw.
  const candidates = [...(exact ? [exact] : []), ...[...flights.values()].reverse()];
  for (const flight of candidates) {
    const typed = typedSince(flight, input, key, wanted);
    if (typed !== undefined) return { flight, typed };
  }
  return undefined;
}

/** What was typed since `flight` was asked, when its answer still continues it; else undefined. */
function typedSince(flight: Flight, input: CompletionInput, key: FlightKey, wanted: number): string | undefined {
  const k = flight.key;
  if (k.editorKey !== key.editorKey || k.settingsKey !== key.settingsKey || k.suffixHead !== key.suffixHead) return undefined;
  if (flight.choices.length < wanted) return undefined;
  // A cancelled stream stopped mid-answer: its text is a fragment, never worth showing.
  if (flight.error || flight.aborted) return undefined;
  const typedLength = input.offset - k.offset;
  if (typedLength < 0 || typedLength > input.prefix.length) return undefined;
  const typed = typedLength === 0 ? '' : input.prefix.slice(-typedLength);
  if (!input.prefix.endsWith(k.prefixTail + typed)) return undefined;
  if (k.prefixTail.length < KEY_TAIL_CHARS && input.prefix.length - typedLength !== k.prefixTail.length) return undefined;
  // Any alternative the user may have cycled to and typed or accepted. Typing past what has
  // streamed so far is fine while it streams and agrees so far.
  const agreeing = flight.choices.filter(
    (c) => c.text.startsWith(typed) || (!flight.answered && typed.startsWith(c.text)),
  );
  if (agreeing.length === 0) return undefined;
  // Typed past the end of a finished answer (e.g. Enter after it): ask anew for the new line.
  if (flight.answered && agreeing.every((c) => typed.length > c.text.trimEnd().length)) return undefined;
  return typed;
}
