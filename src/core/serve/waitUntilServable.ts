// A provider call waits on its flight until some choice has something worth showing past what
// the user typed, or every choice is finished, or the editor cancels the call. Waiting for
// every alternative would make Alt+\ show nothing until the slowest one has a full line (or
// until the stream ends, when a server sends fewer choices than `n`). Cycling with Alt+] asks
// again for an answer already shown: that call waits for every alternative, since VS Code
// cycles only through the items it was given.

import type { Flight } from '../reuse/flight';
import { usefulPart } from './usefulPart';

export async function waitUntilServable(flight: Flight, typed: string, signal: AbortSignal, everyChoice = false): Promise<void> {
  // Counted, so the stream is not aborted while some call still waits on it.
  flight.waiting++;
  try {
    while (!signal.aborted) {
      const servable = (c: Flight['choices'][number]) =>
        usefulPart(c, typed) !== undefined || (c.done && c.text.startsWith(typed) && c.text.length > typed.length);
      const ready = everyChoice ? flight.choices.every((c) => c.done || servable(c)) : flight.choices.some(servable);
      if (ready || flight.answered) return;
      await flight.nextChange(signal);
    }
  } finally {
    flight.waiting--;
  }
}
