// Live growth: while an answer streams, the shown suggestion should get longer. VS Code only
// asks again when told to, so the engine announces each growth once.

import type { Flight } from '../reuse/flight';
import { showable } from './usefulPart';

/** True (once per growth) when choice 0 has more to show than a provider call showed last. */
export function takeGrowth(flight: Flight): boolean {
  if (!flight.shown || !flight.choices[0]) return false;
  // Trailing line breaks are never shown, so they are no reason to re-query.
  const now = showable(flight.choices[0]).trimEnd();
  if (now === flight.shownText.trimEnd() || now === flight.announcedText) return false;
  flight.announcedText = now;
  return true;
}
