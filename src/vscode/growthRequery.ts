// The adapter's half of live growth: when the engine says a shown suggestion got longer, ask
// VS Code for it again, and tell the provider that the Invoke which follows is ours, not the user's.

import * as vscode from 'vscode';

/** Our hide + trigger reaches the provider within a few milliseconds; this is generous. */
const REQUERY_WINDOW_MS = 500;

export class GrowthRequery {
  /**
   * Until when an Invoke comes from our own re-query, not from the user. Time-bound, so a
   * re-query VS Code never made cannot swallow the user's next Alt+\.
   */
  private pendingUntil = 0;
  private pending = 0;

  /** The engine's growth notice for one editor. */
  requery(editorKey: string): void {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.uri.toString() !== editorKey) return;
    this.pending++;
    this.pendingUntil = Date.now() + REQUERY_WINDOW_MS;
    // VS Code only re-asks an unchanged editor after the suggestion is hidden.
    void vscode.commands
      .executeCommand('editor.action.inlineSuggest.hide')
      .then(() => vscode.commands.executeCommand('editor.action.inlineSuggest.trigger'));
  }

  /**
   * Whether a provider call is one of our re-queries (and so not the user's explicit request).
   * Called for every provider call, so re-queries VS Code never made expire.
   */
  isOwnRequery(invoked: boolean): boolean {
    if (Date.now() >= this.pendingUntil) this.pending = 0;
    if (!invoked || this.pending === 0) return false;
    this.pending--;
    return true;
  }
}
