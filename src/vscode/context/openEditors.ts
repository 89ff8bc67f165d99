// The documents the user has open in editor tabs: what they are looking at, unlike every
// document VS Code has loaded (which includes files extensions opened in the background).

import * as vscode from 'vscode';

export function openEditorDocuments(): vscode.TextDocument[] {
  const open = new Set<string>();
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputText) open.add(tab.input.uri.toString());
    }
  }
  for (const editor of vscode.window.visibleTextEditors) open.add(editor.document.uri.toString());
  return vscode.workspace.textDocuments.filter((d) => open.has(d.uri.toString()));
}

/** A loaded document by its URI, without opening anything. */
export function loadedDocument(key: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}
