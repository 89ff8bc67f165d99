// Editors of a supported document where suggestions still make no sense: the document is on a
// read-only file system, or the user is looking at it as the modified side of a diff (review,
// not writing). Output, the SCM input box and git's old versions never get here: their schemes
// are not registered (admission.ts).

import * as vscode from 'vscode';

/** Why no suggestion is offered for `document` in the editor the user is in, or undefined. */
export function notForWriting(document: vscode.TextDocument): 'read-only' | 'diff' | undefined {
  if (vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) === false) return 'read-only';
  if (vscode.window.activeTextEditor?.document !== document) return undefined;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputTextDiff && input.modified.toString() === document.uri.toString()) return 'diff';
  // A cell of a notebook shown in a notebook diff.
  if (input instanceof vscode.TabInputNotebookDiff && input.modified.path === document.uri.path) return 'diff';
  return undefined;
}
