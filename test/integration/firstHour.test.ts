// Faults a new user met in their first hour, each as they met it: the enable switches
// disagreeing with each other, a key set by a command argument, excluded files and a server
// that came back shown as "ready" or "error", Clear API Key saying nothing, server text shown raw.

import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  type GhostCompleteApi,
  type StatusState,
  captureMessages,
  config,
  endOf,
  insertTextOf,
  provide,
  setSetting,
  trackSetting,
  useFakeServer,
  waitForState,
  waitFor,
  openAddFunction,
} from './support/helpers';

const KEY = 'sk-test-first-hour-77aa88bb99';

suite('Ghost Complete: the first hour', () => {
  const fixture = useFakeServer(KEY);
  const server = fixture.server;
  let api: GhostCompleteApi;
  let restoreMessages: (() => void) | undefined;

  const waitState = (state: StatusState, timeoutMs?: number) => waitForState(api, state, timeoutMs);

  suiteSetup(() => {
    api = fixture.api();
  });

  teardown(() => {
    restoreMessages?.();
    restoreMessages = undefined;
  });

  test('Disable for Python, Enable for Python, then Disable: Python stays off, no override is left, and the status says so', async () => {
    trackSetting('enable');
    trackSetting('enable', 'python');
    const py = await openAddFunction();
    await vscode.window.showTextDocument(py);
    await waitState('idle');

    await vscode.commands.executeCommand('ghostComplete.disableForLanguage');
    assert.equal(config('python').inspect('enable')?.globalLanguageValue, false);
    assert.match((await waitState('disabled')).message ?? '', /^for Python$/);

    await vscode.commands.executeCommand('ghostComplete.enableForLanguage');
    const inspected = config('python').inspect('enable');
    assert.equal(inspected?.globalLanguageValue, undefined, `Enable for Python left an override: ${JSON.stringify(inspected)}`);
    await waitState('idle');

    await vscode.commands.executeCommand('ghostComplete.disable');
    assert.equal(config().inspect('enable')?.globalValue, false);
    const status = await waitState('disabled');
    assert.equal(status.message, undefined, 'disabled everywhere, not only for Python');
    assert.deepEqual(await provide(api, py, endOf(py)), [], 'a Python suggestion after Disable');
    assert.equal(server.completions.length, 0);

    // Enable for Python while off everywhere: an override, because Python must differ now.
    await vscode.commands.executeCommand('ghostComplete.enableForLanguage');
    assert.equal(config('python').inspect('enable')?.globalLanguageValue, true);
    await waitState('idle');
    // Disable everywhere again: the override that kept Python on goes.
    await vscode.commands.executeCommand('ghostComplete.disable');
    assert.equal(config('python').inspect('enable')?.globalLanguageValue, undefined);
    await waitState('disabled');

    await vscode.commands.executeCommand('ghostComplete.enable');
    assert.equal(config().inspect('enable')?.globalValue, undefined, 'Enable wrote the default instead of removing the setting');
    await waitState('idle');
    assert.deepEqual((await provide(api, py, endOf(py))).map(insertTextOf), ['return a + b']);
  });

  test('Set API Key ignores an argument: a command link cannot replace the key', async () => {
    const opened = vscode.commands.executeCommand('ghostComplete.setApiKey', 'sk-from-a-link');
    // The command asks the user instead; close its box.
    await new Promise((r) => setTimeout(r, 300));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await opened;
    const doc = await openAddFunction();
    assert.equal((await provide(api, doc, endOf(doc))).length, 1);
    assert.equal(server.completions.at(-1)?.headers.authorization, `Bearer ${KEY}`);
  });

  test('an excluded file (.env) says "off for this file", with the pattern in the tooltip', async () => {
    const dir = vscode.Uri.file(path.join(os.tmpdir(), `ghost-first-hour-${process.pid}-${Date.now()}`));
    await vscode.workspace.fs.createDirectory(dir);
    try {
      const uri = vscode.Uri.joinPath(dir, '.env');
      await vscode.workspace.fs.writeFile(uri, Buffer.from('TOKEN=', 'utf8'));
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const status = await waitState('excluded');
      assert.match(status.explanation ?? '', /\.env/, `explanation: ${status.explanation}`);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await vscode.workspace.fs.delete(dir, { recursive: true, useTrash: false });
    }
  });

  test('after a server error, the status clears by itself once the server answers again (no keystroke)', async () => {
    server.response = { status: 500, message: 'down for maintenance' };
    const doc = await openAddFunction();
    await vscode.window.showTextDocument(doc);
    assert.deepEqual(await provide(api, doc, endOf(doc)), []);
    await waitState('error');
    const models = () => server.requests.filter((r) => r.path === '/v1/models').length;
    const before = models();
    await waitState('idle', 10_000);
    assert.ok(models() > before, 'the status cleared without asking the server');
  });

  test('Clear API Key says what it did, also when there was no key to clear', async () => {
    const captured = captureMessages();
    restoreMessages = captured.restore;
    await vscode.commands.executeCommand('ghostComplete.clearApiKey');
    await waitState('noKey');
    assert.ok(captured.messages.some((m) => /API key removed/.test(m.text)), JSON.stringify(captured.messages));
    await vscode.commands.executeCommand('ghostComplete.clearApiKey');
    assert.match(captured.messages.at(-1)?.text ?? '', /no API key was stored/);
  });

  test('server text reaches the status and the notice as one inert line: no command link, no icon, no newline', async () => {
    const captured = captureMessages();
    restoreMessages = captured.restore;
    server.response = {
      status: 401,
      message: `Bad key.\n\n[Fix it](command:ghostComplete.clearApiKey) $(check) ${'x'.repeat(600)}`,
    };
    const doc = await openAddFunction();
    await provide(api, doc, endOf(doc));
    await waitState('error');
    const warning = await waitFor('the rejected-key warning', () => captured.messages.find((m) => m.kind === 'showWarningMessage'));
    for (const text of [warning.text, api.status().message ?? '']) {
      assert.ok(!/command:\S/.test(text), `a command link: ${text}`);
      assert.ok(!/\]\(/.test(text) && !text.includes('$('), `markdown or icon syntax: ${text}`);
      assert.ok(!text.includes('\n'), `a newline: ${JSON.stringify(text)}`);
      assert.ok(text.length <= 320, `${text.length} characters`);
    }
  });

  test('a user with a local server (openai-compatible) and no key is ready, not asked for a key', async () => {
    await vscode.commands.executeCommand('ghostComplete.clearApiKey');
    await setSetting('provider', 'openai-compatible');
    await waitState('idle');
    const doc = await openAddFunction();
    assert.equal((await provide(api, doc, endOf(doc))).length, 1);
    assert.equal(server.completions.at(-1)?.headers.authorization, undefined);
  });
});
