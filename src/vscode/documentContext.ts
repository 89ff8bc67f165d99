// Builds the engine's view of a document around the cursor. Only a bounded window of lines
// is read, so a keystroke costs the same in a 10 MB file as in a small one.

import * as vscode from 'vscode';
import type { CompletionInput } from '../core/input/completionInput';
import { extractContext, type LineSource } from '../core/input/contextWindow';
import type { CompletionSettings } from '../core/settings';

/** cl100k_base averages about 4 characters a token on code; read a little more than the budget needs. */
const CHARS_PER_TOKEN_UPPER = 6;
const NEXT_LINES = 5;

export interface ContextOptions {
  document: vscode.TextDocument;
  position: vscode.Position;
  settings: CompletionSettings;
  explicit: boolean;
  apiKey: string | undefined;
  /** Text of an item selected in the suggest widget, inserted virtually at the cursor. */
  selected?: { range: vscode.Range; text: string };
}

export function lineSourceOf(document: vscode.TextDocument): LineSource {
  return {
    lineCount: document.lineCount,
    lineAt: (line) => document.lineAt(line).text,
  };
}

export function buildCompletionInput(o: ContextOptions): CompletionInput {
  const { document, settings } = o;
  // With a suggest-widget item selected, complete as if its text were already typed.
  const anchor = o.selected ? o.selected.range.start : o.position;
  const virtualText = o.selected ? o.selected.text : '';
  const budgetChars = settings.contextTokens * CHARS_PER_TOKEN_UPPER;
  const window = extractContext(
    lineSourceOf(document),
    { line: anchor.line, character: anchor.character },
    {
      prefixChars: budgetChars,
      suffixChars: Math.ceil(budgetChars * Math.max(settings.suffixShare, 0.1)),
    },
    document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
  );
  const lineText = document.lineAt(anchor.line).text;
  const afterCursor = o.selected ? lineText.slice(o.position.character) : lineText.slice(anchor.character);
  const suffix = o.selected ? window.suffix.slice(o.position.character - anchor.character) : window.suffix;
  const nextLines: string[] = [];
  for (let i = anchor.line + 1; i < Math.min(document.lineCount, anchor.line + 1 + NEXT_LINES); i++) {
    nextLines.push(document.lineAt(i).text);
  }
  return {
    editorKey: document.uri.toString(),
    languageId: document.languageId,
    offset: document.offsetAt(anchor) + virtualText.length,
    prefix: window.prefix + virtualText,
    suffix,
    linePrefix: lineText.slice(0, anchor.character) + virtualText,
    lineSuffix: afterCursor,
    nextLines,
    indentUnit: indentUnitOf(document),
    tabSize: tabSizeOf(document),
    eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
    explicit: o.explicit,
    settings,
    apiKey: o.apiKey,
  };
}

function editorOf(document: vscode.TextDocument): vscode.TextEditor | undefined {
  return vscode.window.visibleTextEditors.find((e) => e.document === document);
}

function tabSizeOf(document: vscode.TextDocument): number | undefined {
  const tabSize = editorOf(document)?.options.tabSize;
  return typeof tabSize === 'number' ? tabSize : undefined;
}

function indentUnitOf(document: vscode.TextDocument): string | undefined {
  const editor = editorOf(document);
  if (!editor) return undefined;
  const { insertSpaces, tabSize } = editor.options;
  if (insertSpaces === false) return '\t';
  if (typeof tabSize === 'number') return ' '.repeat(tabSize);
  return undefined;
}
