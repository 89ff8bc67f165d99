// The pieces of bad news that pause suggestions until the user acts (no key stored, key
// rejected, quota exhausted, model or endpoint missing), each told once with a way to fix
// it: every keystroke would otherwise repeat them. The status bar keeps saying it meanwhile.

import * as vscode from 'vscode';
import { userMessage, type CompletionError } from '../core/completionError';
import { displayText } from '../core/displayText';
import { blockReason } from '../core/stream/requestGate';

const SET_API_KEY = 'Set API Key';

export class KeyNotifications {
  private missingTold = false;
  private rejectedTold = false;
  private pausedTold = false;

  /** The server needs a key and none is stored. */
  missingKey(): void {
    if (this.missingTold) return;
    this.missingTold = true;
    offerSetApiKey(
      vscode.window.showInformationMessage(
        'Ghost Complete needs an API key for suggestions. Run "Ghost Complete: Set API Key".',
        SET_API_KEY,
      ),
    );
  }

  /** A request failed: worth a message only when it pauses suggestions until the user acts. */
  requestFailed(error: CompletionError): void {
    const reason = blockReason(error);
    if (reason === 'quota' || reason === 'not-found') {
      if (this.pausedTold) return;
      this.pausedTold = true;
      const why = reason === 'quota' ? 'the account has no quota left' : 'the model or endpoint was not found';
      void vscode.window
        .showWarningMessage(`Ghost Complete paused: ${why}. ${displayText(userMessage(error))}`, 'Open Settings')
        .then((picked) => {
          if (picked) void vscode.commands.executeCommand('ghostComplete.openSettings');
        });
      return;
    }
    if (error.kind !== 'unauthorized' || this.rejectedTold) return;
    this.rejectedTold = true;
    // The message quotes the server: one inert line, so it cannot carry a link to a command.
    offerSetApiKey(vscode.window.showWarningMessage(`Ghost Complete: ${displayText(userMessage(error))}`, SET_API_KEY));
  }

  /** The welcome notice has just said it: no second notice about the same missing key. */
  missingKeyToldElsewhere(): void {
    this.missingTold = true;
  }

  /** The user stored a key: if it goes missing again, say so again. */
  keyStored(): void {
    this.missingTold = false;
  }

  /** The stored key changed (here or in another window): a rejection of the new one is news. */
  keyChanged(): void {
    this.rejectedTold = false;
    this.pausedTold = false;
  }

  /** New settings (another model or server): a new pause is news. */
  settingsChanged(): void {
    this.pausedTold = false;
  }
}

function offerSetApiKey(choice: Thenable<string | undefined>): void {
  void choice.then((picked) => {
    if (picked) void vscode.commands.executeCommand('ghostComplete.setApiKey');
  });
}
