// A stream adopted across keystrokes is only worth its connection while some choice still
// agrees with what the user typed since the request. The first disagreeing token settles it:
// waiting for the rest would only delay the fresh request the pause needs, and keep billing.

import type { Flight } from './flight';

/** Every choice has streamed something the user's typing since the request contradicts. */
export function disagreesWithTyped(flight: Flight): boolean {
  const typed = flight.typed;
  if (typed === '') return false;
  return flight.choices.every((c) => !c.text.startsWith(typed) && !typed.startsWith(c.text));
}

/**
 * Closes the flight at once when it can no longer serve what was typed (the server sees the
 * disconnect) and wakes the provider call waiting on it, which then asks anew. True if dropped.
 */
export function dropIfWrong(flight: Flight): boolean {
  if (flight.wrong) return true;
  // An answered stream is only reading its last bytes: nothing left to save by closing it.
  if (flight.answered || !disagreesWithTyped(flight)) return false;
  flight.wrong = true;
  flight.controller.abort();
  flight.changed();
  return true;
}
