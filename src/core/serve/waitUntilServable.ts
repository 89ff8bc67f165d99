// A provider call waits on its flight until some choice has something worth showing past what
// the user typed, or every choice is finished, or the editor cancels the call. Waiting for
// every alternative would make Alt+\ show nothing until the slowest one has a full line (or
// forever, when a server sends fewer choices than `n`); cycling with Alt+] asks again and
// finds the others then.

import type { Flight } from '../reuse/flight';
import { usefulPart } from './usefulPart';

export async function waitUntilServable(flight: Flight, typed: string, signal: AbortSignal): Promise<void> {
  // Counted, so the stream is not aborted while some call still waits on it.
  flight.waiting++;
  try {
    while (!signal.aborted) {
      const showable = flight.choices.some(
        (c) => usefulPart(c, typed) !== undefined || (c.done && c.text.startsWith(typed) && c.text.length > typed.length),
      );
      if (showable || flight.answered) return;
      await flight.nextChange(signal);
    }
  } finally {
    flight.waiting--;
  }
}
