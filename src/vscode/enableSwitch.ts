// Reads the user's ghostComplete.enable values (global and per language) and applies the
// writes core/enablement plans, at user level.

import * as vscode from 'vscode';
import { ENABLE_DEFAULT, planEnable, type EnableSettings } from '../core/enablement';

/** The global value in force, and every language override in the user's settings. */
export async function readEnableSettings(): Promise<EnableSettings> {
  const global = vscode.workspace.getConfiguration('ghostComplete').get<boolean>('enable', ENABLE_DEFAULT);
  const overrides: Record<string, boolean> = {};
  // VS Code lists no overrides; asking each known language is cheap (a few hundred lookups).
  const ids = new Set([...(await vscode.languages.getLanguages()), ...vscode.workspace.textDocuments.map((d) => d.languageId)]);
  for (const languageId of ids) {
    const value = vscode.workspace.getConfiguration('ghostComplete', { languageId }).inspect<boolean>('enable')?.globalLanguageValue;
    if (typeof value === 'boolean') overrides[languageId] = value;
  }
  return { global, overrides };
}

/** Switches completions on or off everywhere, or for one language. */
export async function switchEnabled(enabled: boolean, languageId?: string): Promise<void> {
  for (const write of planEnable(await readEnableSettings(), enabled, languageId)) {
    const scope = write.languageId ? { languageId: write.languageId } : undefined;
    const config = vscode.workspace.getConfiguration('ghostComplete', scope);
    await config.update('enable', write.value, vscode.ConfigurationTarget.Global, write.languageId !== undefined);
  }
}
