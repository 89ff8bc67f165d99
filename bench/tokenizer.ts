// The server side's token counter: cl100k_base, the encoding gpt-3.5-turbo-instruct bills in.

import { decode, encode } from 'gpt-tokenizer/cjs/encoding/cl100k_base';

// The API bills text like "<|endoftext|>" in a prompt as plain text, not as a special token.
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

export function tokenize(text: string): number[] {
  return text === '' ? [] : encode(text, PLAIN_TEXT);
}

export function tokenCount(text: string): number {
  return tokenize(text).length;
}

/** `text` as the pieces a model streams, one token each (code is ASCII, so every token decodes alone). */
export function tokenPieces(text: string): string[] {
  const pieces = tokenize(text).map((t) => decode([t]));
  // A token that is half of a multi-byte character would not decode alone: fall back to characters.
  return pieces.join('') === text ? pieces : [...text];
}
