// A provider call waits on its flight until every choice has something worth showing past
// what the user typed (or is finished), or the editor cancels the call.

import type { Flight } from '../reuse/flight';
import { usefulPart } from './usefulPart';

export async function waitUntilServable(flight: Flight, typed: string, signal: AbortSignal): Promise<void> {
  // Counted, so the stream is not aborted while some call still waits on it.
  flight.waiting++;
  try {
    while (!signal.aborted) {
      const ready = flight.choices.every((c) => c.done || usefulPart(c, typed) !== undefined);
      if (ready || flight.answered || flight.aborted) return;
      await flight.nextChange(signal);
    }
  } finally {
    flight.waiting--;
  }
}
