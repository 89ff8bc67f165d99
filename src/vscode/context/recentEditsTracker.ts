// Records where the user edits, for the recent-edits source: constant work per change event,
// nothing read or ranked until a request is sent.

import * as vscode from 'vscode';
import { RecentEdits } from '../../core/context/recentEdits';

const SCHEMES = ['file', 'vscode-remote'];

export class RecentEditsTracker implements vscode.Disposable {
  readonly edits = new RecentEdits();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        // Output channels and other views change too; only files can contribute.
        if (!SCHEMES.includes(e.document.uri.scheme) || e.contentChanges.length === 0) return;
        const key = e.document.uri.toString();
        for (const change of e.contentChanges) {
          const start = change.range.start.line;
          this.edits.record(key, start, start + lineCount(change.text));
        }
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.edits.forget(d.uri.toString())),
    ];
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
