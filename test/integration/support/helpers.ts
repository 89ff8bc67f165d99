// Shared helpers for the integration tests (run inside a real VS Code extension host).

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeOpenAI } from './fakeServer';

export const EXTENSION_ID = 'ghost-complete.ghost-complete';

export type StatusState = 'idle' | 'requesting' | 'error' | 'disabled' | 'excluded' | 'snoozed' | 'noKey';

/** The object `activate()` returns (the part of it the tests rely on). */
export interface GhostCompleteApi {
  provider: vscode.InlineCompletionItemProvider;
  status(): { state: StatusState; message?: string; explanation?: string };
  /** The status bar tooltip as plain text. */
  tooltip(): string;
  /** Requests sent to the server since activation. */
  requestCount(): number;
  /** Today's usage as recorded on this machine (what Show Usage and the tooltip show). */
  usageToday(): { day: string; requests: number; promptTokens: number; completionTokens: number; shown: number; accepted: number; cost: number };
  /** Present only in test mode: the Set API Key command takes no key argument. */
  setApiKeyForTests?(key: string): Promise<void>;
  /** Present only in test mode: context indexes built so far (background and request path). */
  contextIndexBuildsForTests?(): number;
}

/** Stores `key` as the user's API key, as Set API Key would after the server accepted it. */
export async function setApiKey(api: GhostCompleteApi, key: string): Promise<void> {
  assert.ok(api.setApiKeyForTests, 'the extension does not run in test mode');
  await api.setApiKeyForTests(key);
}

export async function activateExtension(): Promise<GhostCompleteApi> {
  const extension = vscode.extensions.getExtension<GhostCompleteApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  const api = await extension.activate();
  assert.ok(api, 'activate() returned no API object');
  return api;
}

/** An untitled Python document with the cursor's usual place: the body of `def add(a, b):`. */
export function openAddFunction(): Thenable<vscode.TextDocument> {
  return vscode.workspace.openTextDocument({ language: 'python', content: 'def add(a, b):\n    ' });
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

/** Marks a setting written by something else (e.g. a command) for removal by resetSettings(). */
export function trackSetting(key: string, languageId?: string): void {
  TOUCHED.push({ key, languageId });
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

/** Waits until the status bar shows `state`, and returns the status then. */
export function waitForState(api: GhostCompleteApi, state: StatusState, timeoutMs = 5_000): Promise<ReturnType<GhostCompleteApi['status']>> {
  return waitFor(`status "${state}" (now ${JSON.stringify(api.status())})`, () => (api.status().state === state ? api.status() : undefined), timeoutMs);
}

/** Closes every editor without save prompts (each one is reverted first). */
export async function closeAllEditors(): Promise<void> {
  const openTabs = () => vscode.window.tabGroups.all.reduce((n, g) => n + g.tabs.length, 0);
  for (let i = 0; i < 30 && openTabs() > 0; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

export interface ProvideOptions {
  /** Default Invoke (explicit, as Alt+\); Automatic is what typing triggers. */
  triggerKind?: vscode.InlineCompletionTriggerKind;
  selectedCompletionInfo?: vscode.SelectedCompletionInfo;
  /** Fail if the provider has not answered by then (default 10 s). */
  timeoutMs?: number;
}

export async function provide(
  api: GhostCompleteApi,
  document: vscode.TextDocument,
  position: vscode.Position,
  options: ProvideOptions = {},
): Promise<vscode.InlineCompletionItem[]> {
  const tokenSource = new vscode.CancellationTokenSource();
  const timeoutMs = options.timeoutMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    const answer = Promise.resolve(
      api.provider.provideInlineCompletionItems(
        document,
        position,
        {
          triggerKind: options.triggerKind ?? vscode.InlineCompletionTriggerKind.Invoke,
          selectedCompletionInfo: options.selectedCompletionInfo,
        },
        tokenSource.token,
      ),
    );
    const result = await Promise.race([
      answer,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          tokenSource.cancel();
          reject(new Error(`the provider did not answer within ${timeoutMs} ms`));
        }, timeoutMs);
      }),
    ]);
    if (!result) return [];
    return Array.isArray(result) ? result : result.items;
  } finally {
    if (timer) clearTimeout(timer);
    tokenSource.dispose();
  }
}

/** Same as provide() with triggerKind Automatic (what typing does). */
export function provideAutomatic(
  api: GhostCompleteApi,
  document: vscode.TextDocument,
  position: vscode.Position,
  options: Omit<ProvideOptions, 'triggerKind'> = {},
): Promise<vscode.InlineCompletionItem[]> {
  return provide(api, document, position, { ...options, triggerKind: vscode.InlineCompletionTriggerKind.Automatic });
}

export function endOf(document: vscode.TextDocument): vscode.Position {
  return document.positionAt(document.getText().length);
}

type MessageFn = 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';

/**
 * Records every message the extension shows (information, warning, error) while it runs,
 * without showing them. The test files and the extension under test share one `vscode` API
 * object (same extension folder), so replacing its window functions reaches the extension.
 * Call restore() in teardown.
 */
export function captureMessages(): { messages: Array<{ kind: MessageFn; text: string }>; restore(): void } {
  const window = vscode.window as unknown as Record<MessageFn, (...args: unknown[]) => Thenable<unknown>>;
  const originals = new Map<MessageFn, (...args: unknown[]) => Thenable<unknown>>();
  const messages: Array<{ kind: MessageFn; text: string }> = [];
  for (const kind of ['showInformationMessage', 'showWarningMessage', 'showErrorMessage'] as const) {
    originals.set(kind, window[kind]);
    window[kind] = (text: unknown) => {
      messages.push({ kind, text: String(text) });
      return Promise.resolve(undefined);
    };
  }
  return {
    messages,
    restore: () => {
      for (const [kind, fn] of originals) window[kind] = fn;
    },
  };
}

export function insertTextOf(item: vscode.InlineCompletionItem): string {
  return typeof item.insertText === 'string' ? item.insertText : item.insertText.value;
}

/**
 * Registers the hooks every suite against the fake server shares: the server up and the
 * extension active for the suite, before each test the base URL on the server and `key` set, and
 * after each test no editor open and the settings back to what they were.
 * Call it inside `suite()`, before the suite's own hooks, so those run after these.
 */
export function useFakeServer(key: string, server = new FakeOpenAI()): { server: FakeOpenAI; api(): GhostCompleteApi } {
  let api: GhostCompleteApi | undefined;
  suiteSetup(async () => {
    await server.start();
    api = await activateExtension();
  });
  suiteTeardown(async () => {
    await resetSettings();
    await server.stop();
  });
  setup(async () => {
    server.reset();
    await setSetting('baseUrl', server.baseUrl);
    await setApiKey(api!, key);
  });
  teardown(async () => {
    await closeAllEditors();
    await resetSettings();
  });
  return {
    server,
    api: () => {
      if (!api) throw new Error('the extension is not active yet');
      return api;
    },
  };
}
