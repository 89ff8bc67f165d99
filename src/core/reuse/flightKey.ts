// What identifies the place an answer was asked for, so a later keystroke can tell whether
// an earlier answer still applies there.

import type { CompletionInput } from '../input/completionInput';

/** How much of the prompt's end identifies a place in the document. */
export const KEY_TAIL_CHARS = 256;

export interface FlightKey {
  editorKey: string;
  /** Cursor offset in the document when the request was made. */
  offset: number;
  /** The end of the prompt, used to recognise the same place after typing. */
  prefixTail: string;
  /** The start of the text after the cursor; typing through must leave it unchanged. */
  suffixHead: string;
  /** Settings that change the answer. */
  settingsKey: string;
}

export function flightKeyOf(input: CompletionInput): FlightKey {
  const s = input.settings;
  return {
    editorKey: input.editorKey,
    offset: input.offset,
    prefixTail: input.prefix.slice(-KEY_TAIL_CHARS),
    suffixHead: input.suffix.slice(0, KEY_TAIL_CHARS),
    settingsKey: JSON.stringify([
      s.provider,
      s.baseUrl,
      s.model,
      s.maxTokens,
      s.temperature,
      s.stop,
      s.multiline,
      s.useSuffix,
      s.contextTokens,
      input.languageId,
    ]),
  };
}

/** The cache key of an exact place (Backspace, or asked again without typing). */
export function flightCacheKey(key: FlightKey): string {
  return `${key.editorKey}\u0000${key.settingsKey}\u0000${key.offset}\u0000${key.prefixTail}\u0000${key.suffixHead}`;
}
