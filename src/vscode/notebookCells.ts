// Finds the notebook a cell document belongs to. A cell is its own TextDocument (scheme
// `vscode-notebook-cell`, path = the notebook's path), so settings, exclusion and context must
// look through it to the notebook.

import * as vscode from 'vscode';
import type { NotebookCellText } from '../core/input/notebookInput';

export const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';

export interface CellPlace {
  notebook: vscode.NotebookDocument;
  cell: vscode.NotebookCell;
}

/** The notebook and cell of a cell document, or undefined for any other document. */
export function cellOf(document: vscode.TextDocument): CellPlace | undefined {
  if (document.uri.scheme !== NOTEBOOK_CELL_SCHEME) return undefined;
  for (const notebook of vscode.workspace.notebookDocuments) {
    if (notebook.uri.path !== document.uri.path) continue;
    const cell = notebook.getCells().find((c) => c.document === document);
    if (cell) return { notebook, cell };
  }
  return undefined;
}

/** The URI settings and trust are read for: the notebook file for a cell, else the document itself. */
export function settingsUriOf(document: vscode.TextDocument): vscode.Uri {
  return cellOf(document)?.notebook.uri ?? document.uri;
}

/** Every cell's text, in order, for the prompt. */
export function cellTexts(notebook: vscode.NotebookDocument): NotebookCellText[] {
  return notebook.getCells().map((c) => ({
    kind: c.kind === vscode.NotebookCellKind.Markup ? 'markup' : 'code',
    languageId: c.document.languageId,
    text: c.document.getText(),
  }));
}
