// What each change around the extension makes stale: streams the user has moved away from,
// cached answers made with old settings or an old key, the status, the once-per-key notices.

import * as vscode from 'vscode';
import type { CompletionEngine } from '../core/engine';
import type { ApiKeyStore } from './apiKeyStore';
import type { KeyNotifications } from './notifications';
import type { SettingsReader } from './settingsReader';
import type { Snooze } from './snooze';
import type { ActiveStatus } from './status';

/** Long enough for the steps of one editor switch to arrive; short next to a stream's life. */
const EDITOR_SWITCH_SETTLE_MS = 100;

export interface ChangeReactionDeps {
  engine: CompletionEngine;
  status: ActiveStatus;
  notifications: KeyNotifications;
  settingsReader: SettingsReader;
  snooze: Snooze;
  keys: ApiKeyStore;
}

export function reactToChanges(deps: ChangeReactionDeps): vscode.Disposable[] {
  const { engine, status, notifications, settingsReader, snooze, keys } = deps;
  let settling: ReturnType<typeof setTimeout> | undefined;
  let switchedAt: number | undefined;
  return [
    vscode.window.onDidChangeActiveTextEditor(() => {
      // VS Code passes through "no editor" on its way from one editor to the next: judge where
      // the user landed once the switch has settled, and keep the stream of the file in front.
      // Streams sent after the switch began were asked for where the user is now.
      clearTimeout(settling);
      switchedAt ??= Date.now();
      settling = setTimeout(() => {
        const front = vscode.window.activeTextEditor?.document;
        for (const doc of vscode.workspace.textDocuments) {
          if (doc !== front) engine.abortEditor(doc.uri.toString(), switchedAt);
        }
        switchedAt = undefined;
      }, EDITOR_SWITCH_SETTLE_MS);
      void status.refresh();
    }),
    { dispose: () => clearTimeout(settling) },
    vscode.window.onDidChangeTextEditorSelection((e) => {
      // A click elsewhere abandons the suggestion being streamed.
      if (e.kind === vscode.TextEditorSelectionChangeKind.Mouse) engine.abortEditor(e.textEditor.document.uri.toString());
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => engine.abortEditor(doc.uri.toString())),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('ghostComplete') && !e.affectsConfiguration('http')) return;
      // In this order: the refresh reads the new settings and reports their problems afresh.
      settingsReader.resetReported();
      engine.clearCache();
      // New settings (another model, base URL or key header) may fix what the server refused.
      engine.runner.gate.open();
      notifications.settingsChanged();
      void status.refresh();
    }),
    { dispose: snooze.onDidChange.on(() => void status.refresh()) },
    {
      dispose: keys.onDidChange.on(() => {
        engine.clearCache();
        engine.runner.gate.open();
        status.forgetError();
        notifications.keyChanged();
        void status.refresh();
      }),
    },
  ];
}
