// A provider call waits on its flight until every choice has something worth showing past
// what the user typed (or is finished), or the editor cancels the call. VS Code cycles (Alt+])
// only through the items one call returned, so a call should bring every alternative; but the
// wait for the last one is bounded: once one alternative is showable, the others get a short
// grace, so a slow alternative, or a server that sends fewer choices than `n`, never keeps the
// first ghost text back until the stream ends.

import { delay } from '../debounce';
import type { Flight } from '../reuse/flight';
import { usefulPart } from './usefulPart';

/** How long the other alternatives may keep a showable one waiting. */
export const ALTERNATIVES_GRACE_MS = 250;

export async function waitUntilServable(flight: Flight, typed: string, signal: AbortSignal, now: () => number = Date.now): Promise<void> {
  const servable = (c: Flight['choices'][number]) =>
    usefulPart(c, typed) !== undefined || (c.done && c.text.startsWith(typed) && c.text.length > typed.length);
  // Counted, so the stream is not aborted while some call still waits on it.
  flight.waiting++;
  let firstShowableAt: number | undefined;
  try {
    while (!signal.aborted) {
      // An aborted flight (a wrong stream dropped) has nothing more to give.
      if (flight.answered || flight.aborted || flight.choices.every((c) => c.done || servable(c))) return;
      if (flight.choices.some(servable)) {
        firstShowableAt ??= now();
        const left = firstShowableAt + ALTERNATIVES_GRACE_MS - now();
        if (left <= 0) return;
        await Promise.race([flight.nextChange(signal), delay(left)]);
      } else {
        await flight.nextChange(signal);
      }
    }
  } finally {
    flight.waiting--;
  }
}
