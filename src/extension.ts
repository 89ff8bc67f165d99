// Entry point: wires the pure engine to VS Code. All vscode-facing code is in src/vscode/.

import * as vscode from 'vscode';
import { activateGhostComplete, type GhostCompleteApi } from './vscode/controller';

export function activate(context: vscode.ExtensionContext): GhostCompleteApi {
  return activateGhostComplete(context);
}

export function deactivate(): void {
  // Everything is registered in context.subscriptions and disposed by VS Code.
}
