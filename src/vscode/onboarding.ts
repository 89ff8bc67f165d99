// The first-run notice: a new user learns in one place that a key is needed, or that a local
// server works without one. Shown once per machine (remembered in globalState), and only to
// users who still need a key, so a user already set up for a local server never sees it.

import * as vscode from 'vscode';

const STATE_KEY = 'ghostComplete.welcomed';
const SET_API_KEY = 'Set API Key';
const LOCAL_SERVER = 'Use a local server';

export interface OnboardingDeps {
  state: vscode.Memento;
  /** Whether the current settings need a key and none is stored. */
  needsKey(): Promise<boolean>;
  /** Called when the notice is shown, so the missing-key notice does not repeat it. */
  onShown(): void;
}

export async function welcomeOnce(deps: OnboardingDeps): Promise<void> {
  if (deps.state.get<boolean>(STATE_KEY)) return;
  await deps.state.update(STATE_KEY, true);
  if (!(await deps.needsKey())) return;
  deps.onShown();
  const picked = await vscode.window.showInformationMessage(
    'Welcome to Ghost Complete: grey suggestions as you type. Set an OpenAI API key, or point it at a local server (llama.cpp, Ollama, vLLM, LM Studio), which needs no key.',
    SET_API_KEY,
    LOCAL_SERVER,
  );
  if (picked === SET_API_KEY) await vscode.commands.executeCommand('ghostComplete.setApiKey');
  if (picked === LOCAL_SERVER) {
    await vscode.commands.executeCommand('workbench.action.openSettings', '@id:ghostComplete.provider @id:ghostComplete.baseUrl');
  }
}
