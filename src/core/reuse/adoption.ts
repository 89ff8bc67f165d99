// VS Code cancels a provider call on every keystroke, yet the next call usually wants the
// same stream. A cancelled call's stream therefore gets a short grace period to be adopted.

import type { Flight } from './flight';

/** How long a cancelled provider call's stream may wait for a follow-up call to adopt it. */
export const ADOPTION_GRACE_MS = 400;

export function abortUnlessAdopted(flight: Flight): void {
  if (flight.done) return;
  const timer = setTimeout(() => {
    // Nobody came back for it (the cursor moved on, the editor closed): stop the stream.
    if (!flight.done && flight.waiting === 0 && !flight.shown) {
      flight.controller.abort();
    }
  }, ADOPTION_GRACE_MS);
  timer.unref?.();
}
