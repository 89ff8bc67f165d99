// The two pieces of bad news about the API key (none stored, rejected by the server), each
// told once per key with a button to fix it: every keystroke would otherwise repeat them.

import * as vscode from 'vscode';
import { userMessage, type CompletionError } from '../core/completionError';
import { displayText } from '../core/displayText';

const SET_API_KEY = 'Set API Key';

export class KeyNotifications {
  private missingTold = false;
  private rejectedTold = false;

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

  /** A request failed; only a rejected key (401) is worth a message. */
  requestFailed(error: CompletionError): void {
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
  }
}

function offerSetApiKey(choice: Thenable<string | undefined>): void {
  void choice.then((picked) => {
    if (picked) void vscode.commands.executeCommand('ghostComplete.setApiKey');
  });
}
