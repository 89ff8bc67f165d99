// Shows a TextDocument to core's input builder (src/core/input/buildInput.ts): its lines,
// offsets, line ending, and the indentation of the editor showing it.

import * as vscode from 'vscode';
import type { CompletionInput } from '../core/input/completionInput';
import { buildCompletionInput as buildInput, windowLimits, type InputDocument } from '../core/input/buildInput';
import { withNotebookCells } from '../core/input/notebookInput';
import type { CompletionSettings } from '../core/settings';
import { cellOf, cellTexts } from './notebookCells';

export interface ContextOptions {
  document: vscode.TextDocument;
  position: vscode.Position;
  settings: CompletionSettings;
  explicit: boolean;
  apiKey: string | undefined;
  /** Text of an item selected in the suggest widget, inserted virtually at the cursor. */
  selected?: { range: vscode.Range; text: string };
}

export function buildCompletionInput(o: ContextOptions): CompletionInput {
  const input = buildInput(inputDocumentOf(o.document), {
    position: o.position,
    settings: o.settings,
    explicit: o.explicit,
    apiKey: o.apiKey,
    selected: o.selected ? { start: o.selected.range.start, text: o.selected.text } : undefined,
  });
  // A notebook cell is read as part of its notebook: the other cells are its context.
  const place = cellOf(o.document);
  if (!place) return input;
  return withNotebookCells(input, cellTexts(place.notebook), place.cell.index, windowLimits(o.settings));
}

function inputDocumentOf(document: vscode.TextDocument): InputDocument {
  return {
    key: document.uri.toString(),
    languageId: document.languageId,
    eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
    lineCount: document.lineCount,
    lineAt: (line) => document.lineAt(line).text,
    offsetAt: (position) => document.offsetAt(new vscode.Position(position.line, position.character)),
    indentUnit: indentUnitOf(document),
    tabSize: tabSizeOf(document),
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
