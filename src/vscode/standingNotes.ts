// Remarks that stay in the status bar tooltip while they hold: Restricted Mode, and what a
// recognised server cannot do (so prefix-only prompts are never a silent surprise).

import * as vscode from 'vscode';
import type { KnownServers } from '../core/stream/servers';
import type { StatusBar } from './statusBar';

export const RESTRICTED_MODE_NOTE =
  'Restricted Mode limits Ghost Complete: this workspace cannot choose the server, model, headers, token limits, alternatives or excluded files; your user settings apply.';

export function followStandingNotes(bar: StatusBar, servers: KnownServers, log: (message: string) => void): vscode.Disposable {
  const trust = (): void => bar.setNote('trust', vscode.workspace.isTrusted ? undefined : RESTRICTED_MODE_NOTE);
  trust();
  const unsubscribe = servers.onNote.on((note) => {
    log(note);
    bar.setNote('server', note);
  });
  return vscode.Disposable.from(vscode.workspace.onDidGrantWorkspaceTrust(trust), { dispose: unsubscribe });
}
