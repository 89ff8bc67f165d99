// "Ghost Complete: Set API Key": asks for the key, stores it, and checks it against the server
// at once, so the user learns now (not on the next keystroke) whether it works.

import * as vscode from 'vscode';
import { userMessage } from '../core/completionError';
import type { CompletionSettings } from '../core/settings';
import type { EndpointConfig } from '../core/ports';
import { checkKey } from '../openai/models';
import type { ApiKeyStore } from './apiKeyStore';
import type { Log } from './log';

export interface SetApiKeyDeps {
  keys: ApiKeyStore;
  log: Log;
  settingsFor(document: vscode.TextDocument | undefined): CompletionSettings;
  endpointFor(settings: CompletionSettings, apiKey: string | undefined): EndpointConfig;
  onStored(): void;
}

/** `value` is the key when a test or another extension passes it: then nothing is asked or checked. */
export async function setApiKey(deps: SetApiKeyDeps, value?: unknown): Promise<void> {
  const key = typeof value === 'string' ? value : await askForKey();
  if (key === undefined || key.trim() === '') return;
  const trimmed = key.trim();
  await deps.keys.set(trimmed);
  deps.log.setSecrets([trimmed]);
  deps.onStored();
  deps.log.info('API key stored.');
  if (typeof value === 'string') return;
  const settings = deps.settingsFor(vscode.window.activeTextEditor?.document);
  const result = await checkKey(deps.endpointFor(settings, trimmed));
  if (result.ok) {
    deps.log.info(`API key checked: ${settings.baseUrl} lists ${result.models} models.`);
    void vscode.window.showInformationMessage('Ghost Complete: API key saved and accepted by the server.');
  } else {
    deps.log.warn(`API key check failed: ${result.error.message}`);
    void vscode.window.showWarningMessage(`Ghost Complete: API key saved, but the check failed: ${userMessage(result.error, [trimmed])}`);
  }
}

function askForKey(): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Ghost Complete: Set API Key',
    prompt: "Paste your API key. It is kept in VS Code's secret storage, never in settings.",
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() === '' ? 'The key cannot be empty.' : undefined),
  });
}
