// Reading "you asked for too many choices" from a server. llama.cpp's server takes `n` up to
// its number of slots and refuses more with a 400: "Field 'n': Value must be between
// 1 <= value <= 4, but got 5".

import type { CompletionError } from '../completionError';

const FIELD_N_RANGE = /field\s+'n'[^0-9]*\d+\s*<=\s*value\s*<=\s*(\d+)/i;

/** The largest `n` the server said it takes, or undefined when the error is about something else. */
export function choiceLimitFrom(error: CompletionError): number | undefined {
  if (error.kind !== 'bad-request') return undefined;
  const named = FIELD_N_RANGE.exec(error.serverMessage ?? error.message);
  const max = named ? Number(named[1]) : NaN;
  return Number.isSafeInteger(max) && max >= 1 ? max : undefined;
}
