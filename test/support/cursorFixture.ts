// Cursor-marked snippets: 'def f():\n    █\n' is a document with the cursor where █ stands.
// The input is built by core's own input builder, exactly as the extension builds it.

import * as assert from 'node:assert/strict';
import { buildCompletionInput, type InputDocument } from '../../src/core/input/buildInput';
import type { CompletionInput } from '../../src/core/input/completionInput';
import type { CompletionSettings } from '../../src/core/settings';

export const CURSOR = '█';

export interface FixtureOptions {
  uri?: string;
  languageId?: string;
  explicit?: boolean;
  apiKey?: string;
}

/** The input for the cursor marked in `snippet`. */
export function inputAtCursor(snippet: string, settings: CompletionSettings, o: FixtureOptions = {}): CompletionInput {
  const offset = snippet.indexOf(CURSOR);
  assert.ok(offset >= 0, `fixture needs a cursor marker (${CURSOR})`);
  const text = snippet.replace(CURSOR, '');
  const before = text.slice(0, offset).split('\n');
  const position = { line: before.length - 1, character: before[before.length - 1].length };
  return buildCompletionInput(snippetDocument(text, o), {
    position,
    settings,
    explicit: o.explicit ?? false,
    apiKey: o.apiKey,
  });
}

/** `snippet` after typing `typed` at its cursor (the cursor stays after the typed text). */
export function typeAt(snippet: string, typed: string): string {
  return snippet.replace(CURSOR, typed + CURSOR);
}

function snippetDocument(text: string, o: FixtureOptions): InputDocument {
  const lines = text.split('\n');
  return {
    key: o.uri ?? 'file:///project/snippet.py',
    languageId: o.languageId ?? 'python',
    eol: '\n',
    lineCount: lines.length,
    lineAt: (line) => lines[line],
    offsetAt: ({ line, character }) => lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + character,
  };
}
