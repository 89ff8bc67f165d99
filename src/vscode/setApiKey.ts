// "Ghost Complete: Set API Key": asks for the key and checks it against the server before it
// is saved. A key the server rejects is never saved: the box stays open with the server's
// reason, so the user can paste another one. A key that cannot be checked (server unreachable)
// is saved, and the user is told it is unchecked.

import * as vscode from 'vscode';
import { userMessage } from '../core/completionError';
import { displayText } from '../core/displayText';
import type { EndpointConfig } from '../core/ports';
import type { CompletionSettings } from '../core/settings';
import { checkKey } from '../openai/models';
import type { ApiKeyStore } from './apiKeyStore';
import type { Log } from './log';

export interface SetApiKeyDeps {
  keys: ApiKeyStore;
  log: Log;
  settingsFor(document: vscode.TextDocument | undefined): CompletionSettings;
  endpointFor(settings: CompletionSettings, apiKey: string | undefined): EndpointConfig;
  onStored(): void;
  /** A short-lived outcome message (the status bar's, which leaves no stale toast behind). */
  say(text: string): void;
}

/** Saves a key with no check: the only way in without the input box is the test-mode API. */
export async function storeApiKey(deps: Pick<SetApiKeyDeps, 'keys' | 'log' | 'onStored'>, key: string): Promise<void> {
  await deps.keys.set(key);
  deps.log.setSecrets([key]);
  deps.onStored();
  deps.log.info('API key stored.');
}

/** Resolves when the box closes. Takes no key argument: a command link must not set the key. */
export function setApiKey(deps: SetApiKeyDeps): Promise<void> {
  const settings = deps.settingsFor(vscode.window.activeTextEditor?.document);
  const box = vscode.window.createInputBox();
  box.title = 'Ghost Complete: Set API Key';
  box.prompt = "Paste your API key. It is checked with the server, then kept in VS Code's secret storage, never in settings.";
  box.password = true;
  box.ignoreFocusOut = true;
  let checking: AbortController | undefined;
  let closed = false;

  const accept = async (): Promise<void> => {
    const key = box.value.trim();
    if (key === '') {
      box.validationMessage = 'The key cannot be empty.';
      return;
    }
    if (checking) return;
    checking = new AbortController();
    box.busy = true;
    box.enabled = false;
    box.validationMessage = undefined;
    const result = await checkKey(deps.endpointFor(settings, key), checking.signal);
    checking = undefined;
    box.busy = false;
    box.enabled = true;
    if (closed) return;
    if (!result.ok && (result.error.kind === 'unauthorized' || result.error.kind === 'forbidden')) {
      deps.log.warn(`API key rejected by the server: ${result.error.message}`);
      box.validationMessage = displayText(`Rejected: ${userMessage(result.error, [key])}`);
      return;
    }
    await storeApiKey(deps, key);
    box.hide();
    if (result.ok) {
      deps.log.info(`API key checked: ${settings.baseUrl} lists ${result.models} models.`);
      deps.say('$(check) Ghost Complete: API key saved; the server accepted it.');
    } else {
      deps.log.warn(`API key saved unchecked: ${result.error.message}`);
      deps.say(`$(warning) Ghost Complete: API key saved, but not checked: ${displayText(userMessage(result.error, [key]), 160)}`);
    }
  };

  return new Promise((resolve) => {
    box.onDidChangeValue(() => {
      if (!checking) box.validationMessage = undefined;
    });
    box.onDidAccept(() => void accept());
    box.onDidHide(() => {
      closed = true;
      checking?.abort();
      box.dispose();
      resolve();
    });
    box.show();
  });
}
