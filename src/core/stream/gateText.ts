// What the status bar says while the request gate holds automatic requests back, so a paused
// extension never looks merely broken: why it waits, for how long, and what brings it back.

import type { GateState } from './requestGate';

export interface GateText {
  /** Replaces the error's own message in the bar; undefined keeps the error's (it says what failed). */
  message: string | undefined;
  explanation: string;
}

/** Undefined while requests flow. */
export function gateText(state: GateState, now: number): GateText | undefined {
  if (state.kind === 'open') return undefined;
  if (state.kind === 'waiting') {
    const seconds = Math.max(1, Math.ceil((state.until - now) / 1000));
    return state.reason === 'rate-limited'
      ? { message: `rate limited, retrying in ${seconds} s`, explanation: 'The server asked to wait before the next request.' }
      : { message: undefined, explanation: `Retrying in ${seconds} s (waiting longer after each failure in a row).` };
  }
  switch (state.reason) {
    case 'key':
      return { message: 'API key rejected', explanation: 'No suggestions are requested until a new key is set (Ghost Complete: Set API Key). Alt+\\ tries once anyway.' };
    case 'quota':
      return { message: 'quota exhausted', explanation: 'The account has no credit left. Suggestions resume when the key or settings change, or Alt+\\ succeeds.' };
    case 'not-found':
      return { message: 'model or endpoint not found', explanation: 'Check ghostComplete.model and ghostComplete.baseUrl. Suggestions resume when the settings change, or Alt+\\ succeeds.' };
  }
}
