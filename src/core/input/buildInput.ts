// Builds the engine's view of a document around the cursor from any line source (a VS Code
// TextDocument, the bench's counted lines, a test snippet). Only a bounded window of lines is
// read, so a keystroke costs the same in a 10 MB file as in a small one.

import type { CompletionSettings } from '../settings';
import type { CompletionInput } from './completionInput';
import { extractContext, type ContextPosition, type LineSource } from './contextWindow';

/** cl100k_base averages about 4 characters a token on code; read a little more than the budget needs. */
const CHARS_PER_TOKEN_UPPER = 6;
/** Lines after the cursor line handed to post-processing for duplicate detection. */
const NEXT_LINES = 5;
/**
 * The cursor line and the next lines are only read at their ends nearest the cursor (indent,
 * brackets, duplicates): a minified 10 MB line must not cost 10 MB of work on every keystroke.
 */
const LINE_CHARS = 2000;

/** What the builder reads of a document. */
export interface InputDocument extends LineSource {
  /** Identifies the editor/document (its URI). */
  key: string;
  languageId: string;
  eol: '\n' | '\r\n';
  /** Absolute offset of a position, as the editor counts it. */
  offsetAt(position: ContextPosition): number;
  indentUnit?: string;
  tabSize?: number;
}

export interface InputOptions {
  position: ContextPosition;
  settings: CompletionSettings;
  explicit: boolean;
  apiKey?: string;
  /** Text of an item selected in the suggest widget, replacing from `start` up to the cursor. */
  selected?: { start: ContextPosition; text: string };
}

/** How many characters before and after the cursor are read: a little more than the token budget needs. */
export function windowLimits(settings: Pick<CompletionSettings, 'contextTokens' | 'suffixShare'>): { prefixChars: number; suffixChars: number } {
  const budgetChars = promptWindowChars(settings);
  return { prefixChars: budgetChars, suffixChars: Math.ceil(budgetChars * Math.max(settings.suffixShare, 0.1)) };
}

/** How many characters before the cursor are worth reading for a prompt of these settings. */
export function promptWindowChars(settings: Pick<CompletionSettings, 'contextTokens'>): number {
  return settings.contextTokens * CHARS_PER_TOKEN_UPPER;
}

export function buildCompletionInput(doc: InputDocument, o: InputOptions): CompletionInput {
  const { settings } = o;
  // With a suggest-widget item selected, complete as if its text were already typed.
  const anchor = o.selected ? o.selected.start : o.position;
  const virtualText = o.selected ? o.selected.text : '';
  const window = extractContext(doc, anchor, windowLimits(settings), doc.eol);
  const lineText = doc.lineAt(anchor.line);
  const afterCursor = (o.selected ? lineText.slice(o.position.character) : lineText.slice(anchor.character)).slice(0, LINE_CHARS);
  const suffix = o.selected ? window.suffix.slice(o.position.character - anchor.character) : window.suffix;
  const nextLines: string[] = [];
  for (let i = anchor.line + 1; i < Math.min(doc.lineCount, anchor.line + 1 + NEXT_LINES); i++) {
    nextLines.push(doc.lineAt(i).slice(0, LINE_CHARS));
  }
  return {
    editorKey: doc.key,
    languageId: doc.languageId,
    offset: doc.offsetAt(anchor) + virtualText.length,
    prefix: window.prefix + virtualText,
    suffix,
    linePrefix: lineText.slice(Math.max(0, anchor.character - LINE_CHARS), anchor.character) + virtualText,
    lineSuffix: afterCursor,
    nextLines,
    indentUnit: doc.indentUnit,
    tabSize: doc.tabSize,
    eol: doc.eol,
    explicit: o.explicit,
    settings,
    apiKey: o.apiKey,
  };
}
