// The status bar item's states and the commands behind the status bar menu, as a user meets
// them: no key, disabled, snoozed, error after a 401 (without the key anywhere), disabling one
// language, and the usage record behind the tooltip and Show Usage.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  type GhostCompleteApi,
  type StatusState,
  captureMessages,
  config,
  endOf,
  insertTextOf,
  provide,
  provideAutomatic,
  setApiKey,
  trackSetting,
  waitFor,
  useFakeServer,
  waitForState,
  openAddFunction,
} from './support/helpers';

const KEY = 'sk-test-status-9f8e7d6c5b4a3210';

suite('Ghost Complete: status bar states and commands', () => {
  const fixture = useFakeServer(KEY);
  const server = fixture.server;
  let api: GhostCompleteApi;
  let restoreMessages: (() => void) | undefined;

  const waitState = (state: StatusState, timeoutMs?: number) => waitForState(api, state, timeoutMs);


  suiteSetup(() => {
    api = fixture.api();
  });

  setup(async () => {
    await waitState('idle');
  });

  teardown(async () => {
    restoreMessages?.();
    restoreMessages = undefined;
    await vscode.commands.executeCommand('ghostComplete.unsnooze');
  });

  test('Clear API Key shows "no API key"; the provider then asks nothing; Set API Key brings back ready', async () => {
    await vscode.commands.executeCommand('ghostComplete.clearApiKey');
    await waitState('noKey');
    const doc = await openAddFunction();
    const items = await provide(api, doc, endOf(doc));
    assert.equal(items.length, 0, 'a suggestion without a key');
    assert.equal(server.completions.length, 0, 'a request was sent without a key');
    assert.equal(api.status().state, 'noKey');

    await setApiKey(api, KEY);
    await waitState('idle');
    assert.equal((await provide(api, doc, endOf(doc))).length, 1);
  });

  test('Disable shows "disabled" and stops suggestions; Enable brings back ready and suggestions', async () => {
    trackSetting('enable');
    await vscode.commands.executeCommand('ghostComplete.disable');
    await waitState('disabled');
    assert.equal(config().inspect('enable')?.globalValue, false, 'Disable did not write ghostComplete.enable: false');
    const doc = await openAddFunction();
    assert.equal((await provide(api, doc, endOf(doc))).length, 0, 'a suggestion while disabled');
    assert.equal(server.completions.length, 0, 'a request was sent while disabled');

    await vscode.commands.executeCommand('ghostComplete.enable');
    await waitState('idle');
    const items = await provide(api, doc, endOf(doc));
    assert.deepEqual(items.map(insertTextOf), ['return a + b']);
    assert.equal(server.completions.length, 1);
  });

  test('Snooze 5 minutes shows "snoozed"; nothing is suggested or sent; Resume restores', async () => {
    await vscode.commands.executeCommand('ghostComplete.snooze', 5);
    const status = await waitState('snoozed');
    assert.match(status.message ?? '', /^until /, `snoozed status message: ${JSON.stringify(status)}`);

    const doc = await openAddFunction();
    const items = await provide(api, doc, endOf(doc));
    assert.equal(items.length, 0, 'a suggestion while snoozed');
    const automatic = await provide(api, doc, endOf(doc), { triggerKind: vscode.InlineCompletionTriggerKind.Automatic });
    assert.equal(automatic.length, 0, 'a suggestion while snoozed (automatic)');
    assert.equal(server.requests.length, 0, 'the server was contacted while snoozed');
    assert.equal(api.status().state, 'snoozed');

    await vscode.commands.executeCommand('ghostComplete.unsnooze');
    await waitState('idle');
    assert.deepEqual((await provide(api, doc, endOf(doc))).map(insertTextOf), ['return a + b']);
    assert.equal(server.completions.length, 1);
  });

  test('a 401 shows "API key rejected" and pauses automatic requests; the key is in no status and no message shown', async () => {
    const captured = captureMessages();
    restoreMessages = captured.restore;
    server.response = {
      status: 401,
      message: `Incorrect API key provided: ${KEY}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    };
    const doc = await openAddFunction();
    assert.equal((await provide(api, doc, endOf(doc))).length, 0, 'a suggestion after a 401');
    assert.equal(server.completions.length, 1);
    assert.equal(server.completions[0]!.headers.authorization, `Bearer ${KEY}`);
    const status = await waitState('error');
    // Short in the bar; the server's words (key masked) in the tooltip.
    assert.match(status.message ?? '', /API key rejected/, `status message: ${status.message}`);
    assert.match(status.explanation ?? '', /rejected the API key \(401\)/, `status explanation: ${status.explanation}`);
    assert.match(status.explanation ?? '', /Incorrect API key provided/, `status explanation: ${status.explanation}`);
    for (const text of [status.message ?? '', status.explanation ?? '']) {
      assert.ok(!text.includes(KEY) && !text.includes(KEY.slice(-10)), `(part of) the key is in the status: ${text}`);
    }
    // The user is told once, with a way to fix it; typing on sends nothing until the key changes.
    const rejected = () => captured.messages.filter((m) => m.kind === 'showWarningMessage' && /rejected the API key/.test(m.text));
    await waitFor('a warning that the key was rejected', () => (rejected().length > 0 ? true : undefined));
    await provideAutomatic(api, doc, endOf(doc));
    assert.equal(server.completions.length, 1, 'an automatic request after the key was rejected');
    assert.equal(rejected().length, 1, 'the rejected-key warning was shown again');

    // Complete Selection reports the failure in an error message: without the key, too.
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 0, 'def add(a, b):'.length);
    await vscode.commands.executeCommand('ghostComplete.completeSelection');
    const shown = await waitFor('an error message from Complete Selection', () =>
      captured.messages.find((m) => m.kind === 'showErrorMessage'),
    );
    assert.match(shown.text, /401/);
    for (const m of captured.messages) {
      assert.ok(!m.text.includes(KEY) && !m.text.includes(KEY.slice(-10)), `the key is in a ${m.kind}: ${m.text}`);
    }
    assert.equal(doc.getText(), 'def add(a, b):\n    ', 'the document changed after a 401');
    assert.ok(!(api.status().message ?? '').includes(KEY.slice(-10)));
  });

  test('Disable for Current Language (python) writes [python] enable: false at user level; python stops, javascript goes on', async () => {
    trackSetting('enable', 'python');
    await vscode.commands.executeCommand('ghostComplete.disableForLanguage', 'python');
    const inspected = config('python').inspect<boolean>('enable');
    assert.equal(inspected?.globalLanguageValue, false, `[python] override: ${JSON.stringify(inspected)}`);
    assert.equal(inspected?.globalValue, undefined, 'the command switched Ghost Complete off for every language');
    assert.equal(config('javascript').get('enable'), true);

    const py = await openAddFunction();
    await vscode.window.showTextDocument(py);
    const status = await waitState('disabled');
    assert.match(status.message ?? '', /Python/);
    assert.equal((await provide(api, py, endOf(py))).length, 0, 'a python suggestion after disabling python');
    assert.equal(server.completions.length, 0, 'a python request after disabling python');

    server.response = { text: 'return a + b;' };
    const js = await vscode.workspace.openTextDocument({ language: 'javascript', content: 'function add(a, b) {\n  ' });
    await vscode.window.showTextDocument(js);
    await waitState('idle');
    const items = await provide(api, js, endOf(js));
    assert.deepEqual(items.map(insertTextOf), ['return a + b;']);
    assert.equal(server.completions.length, 1);
  });

  test('usage: a finished request is recorded and listed by Show Usage; accepting an item counts it', async () => {
    const before = api.usageToday();
    const doc = await openAddFunction();
    const items = await provide(api, doc, endOf(doc));
    assert.equal(items.length, 1);
    let last = before;
    const after = await waitFor('the request in today\'s usage', () => {
      const u = (last = api.usageToday());
      return u.requests === before.requests + 1 && u.promptTokens >= before.promptTokens + 10 ? u : undefined;
    }).catch((err: Error) => {
      throw new Error(`${err.message}; before ${JSON.stringify(before)}, now ${JSON.stringify(last)}`);
    });
    assert.ok(after.completionTokens > before.completionTokens, 'completion tokens not recorded');
    assert.ok(after.cost > before.cost, 'no cost estimate for gpt-3.5-turbo-instruct');
    await waitFor('the suggestion counted as shown', () => api.usageToday().shown === before.shown + 1);

    // Show Usage lists today first; read the quick pick's items instead of showing it.
    const window = vscode.window as unknown as { showQuickPick: (...args: unknown[]) => Thenable<unknown> };
    const original = window.showQuickPick;
    let listed: Array<{ label: string }> | undefined;
    window.showQuickPick = async (items: unknown) => {
      listed = (await items) as Array<{ label: string }>;
      return undefined;
    };
    // Should the replacement not reach the extension, close the real quick pick rather than hang.
    const unblock = setTimeout(() => void vscode.commands.executeCommand('workbench.action.closeQuickOpen'), 5_000);
    try {
      await vscode.commands.executeCommand('ghostComplete.showUsage');
    } finally {
      clearTimeout(unblock);
      window.showQuickPick = original;
    }
    assert.ok(listed && listed.length >= 1, 'Show Usage showed nothing');
    assert.match(listed[0]!.label, new RegExp(`^${after.day}: ${after.requests} requests`), `first row: ${listed[0]!.label}`);

    // VS Code runs the item's command when the user accepts it.
    const command = items[0]!.command;
    assert.ok(command, 'the item has no command to record its acceptance');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    await waitFor('the acceptance in today\'s usage', () => api.usageToday().accepted === before.accepted + 1);
  });
});
