// Feeds streamed deltas through a StopMatcher the way the engine does, for tests of stop
// sequences and of the matcher itself.

import { StopMatcher } from '../../src/core/stream/stopMatcher';

/** Feeds `deltas` one by one and returns what a user would see, plus whether it stopped. */
export function stream(stops: string[], deltas: string[], singleLine = false): { shown: string; stopped: boolean } {
  const m = new StopMatcher(stops, { singleLine });
  let shown = '';
  for (const d of deltas) {
    const r = m.push(d);
    shown += r.text;
    if (r.stopped) return { shown, stopped: true };
  }
  return { shown: shown + m.flush(), stopped: m.stopped };
}
