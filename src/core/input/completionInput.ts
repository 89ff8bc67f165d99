// What the editor adapter tells the engine about one request for a suggestion.

import type { ContextSource, GatheredContext } from '../context/types';
import type { CompletionSettings } from '../settings';

export interface CompletionInput {
  /** Identifies the editor/document: one request in flight per key. */
  editorKey: string;
  languageId: string;
  /** Absolute cursor offset in the document. */
  offset: number;
  /** Bounded text before the cursor (already cut to a character window). */
  prefix: string;
  /** Bounded text after the cursor. */
  suffix: string;
  /** The cursor line, split at the cursor. */
  linePrefix: string;
  lineSuffix: string;
  /** A few lines after the cursor line, for duplicate detection. */
  nextLines: string[];
  /** The document's indentation unit (a tab or N spaces), when known. */
  indentUnit?: string;
  /** Columns per tab, for converting the model's spaces to the document's tabs. */
  tabSize?: number;
  /** The document's line ending; the model's `\n` is converted to it on insertion. */
  eol?: '\n' | '\r\n';
  /** The user asked for a suggestion (Alt+\ or the Trigger command). */
  explicit: boolean;
  settings: CompletionSettings;
  apiKey?: string;
  /** Other files' snippets, gathered only when a request is really sent (context/contextStage.ts). */
  contextSource?: ContextSource;
  /** What `contextSource` gave for the request being planned. */
  context?: GatheredContext;
}

/** A suggestion ready to show: insert `text` at the cursor, replacing `replaceSuffixChars` characters after it. */
export interface Suggestion {
  text: string;
  replaceSuffixChars: number;
}
