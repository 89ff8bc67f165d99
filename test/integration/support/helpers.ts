// Shared helpers for the integration tests (run inside a real VS Code extension host).

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'ghost-complete.ghost-complete';

export type StatusState = 'idle' | 'requesting' | 'error' | 'disabled' | 'snoozed' | 'noKey';

/** The object `activate()` returns (the part of it the tests rely on). */
export interface GhostCompleteApi {
  provider: vscode.InlineCompletionItemProvider;
  status(): { state: StatusState; message?: string };
}

export async function activateExtension(): Promise<GhostCompleteApi> {
  const extension = vscode.extensions.getExtension<GhostCompleteApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  const api = await extension.activate();
  assert.ok(api, 'activate() returned no API object');
  return api;
}

export function config(languageId?: string): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('ghostComplete', languageId ? { languageId } : undefined);
}

/** Settings the tests may have written (user level, plus language overrides); all removed by resetSettings(). */
const TOUCHED: Array<{ key: string; languageId?: string }> = [];

export async function setSetting(key: string, value: unknown, languageId?: string): Promise<void> {
  TOUCHED.push({ key, languageId });
  await config(languageId).update(key, value, vscode.ConfigurationTarget.Global, languageId !== undefined);
}

export async function setEditorSetting(section: string, key: string, value: unknown): Promise<void> {
  TOUCHED.push({ key: `${section}::${key}` });
  await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Global);
}

export async function resetSettings(): Promise<void> {
  while (TOUCHED.length) {
    const { key, languageId } = TOUCHED.pop()!;
    if (key.includes('::')) {
      const [section, name] = key.split('::');
      await vscode.workspace.getConfiguration(section).update(name!, undefined, vscode.ConfigurationTarget.Global);
    } else {
      await config(languageId).update(key, undefined, vscode.ConfigurationTarget.Global, languageId !== undefined);
    }
  }
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
  intervalMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value as T;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Closes every editor without save prompts (each one is reverted first). */
export async function closeAllEditors(): Promise<void> {
  const openTabs = () => vscode.window.tabGroups.all.reduce((n, g) => n + g.tabs.length, 0);
  for (let i = 0; i < 30 && openTabs() > 0; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

export async function provide(
  api: GhostCompleteApi,
  document: vscode.TextDocument,
  position: vscode.Position,
): Promise<vscode.InlineCompletionItem[]> {
  const tokenSource = new vscode.CancellationTokenSource();
  try {
    const result = await api.provider.provideInlineCompletionItems(
      document,
      position,
      { triggerKind: vscode.InlineCompletionTriggerKind.Invoke, selectedCompletionInfo: undefined },
      tokenSource.token,
    );
    if (!result) return [];
    return Array.isArray(result) ? result : result.items;
  } finally {
    tokenSource.dispose();
  }
}

export function insertTextOf(item: vscode.InlineCompletionItem): string {
  return typeof item.insertText === 'string' ? item.insertText : item.insertText.value;
}
