// Servers that misbehave, met in a real VS Code: the extension stays bounded and quiet.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type GhostCompleteApi, captureMessages, endOf, insertTextOf, provideAutomatic, setApiKey, useFakeServer, waitFor, waitForState, openAddFunction } from './support/helpers';

const KEY = 'sk-test-hostile-5c4b3a2918';

suite('Ghost Complete: hostile servers', () => {
  const fixture = useFakeServer(KEY);
  const server = fixture.server;
  let api: GhostCompleteApi;

  let restoreMessages: (() => void) | undefined;

  suiteSetup(() => {
    api = fixture.api();
  });

  teardown(async () => {
    restoreMessages?.();
    restoreMessages = undefined;
    // A new key (even the same one) ends the pause a refusal caused, for the next suite.
    await setApiKey(api, KEY);
  });

  /** Several typing pauses in a row, each where VS Code would ask for a suggestion. */
  async function typeAndPause(doc: vscode.TextDocument, words: string[]): Promise<void> {
    for (const word of words) {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, endOf(doc), `${word} `);
      await vscode.workspace.applyEdit(edit);
      await provideAutomatic(api, doc, endOf(doc));
    }
  }

  /** Everything the user could read: notifications, the status bar and its tooltip. */
  function readable(messages: { text: string }[]): string[] {
    return [...messages.map((m) => m.text), api.status().message ?? '', api.status().explanation ?? ''];
  }

  test('a rejected key with a hostile 60 KB message: at most 2 requests over many pauses, short inert text', async () => {
    const captured = captureMessages();
    restoreMessages = captured.restore;
    server.response = {
      status: 401,
      message: `Invalid key.\n[Click to fix](command:ghostComplete.clearApiKey) ${'A'.repeat(60_000)}`,
    };
    const doc = await openAddFunction();
    await typeAndPause(doc, ['return', 'a', '+', 'b', 'if', 'a', 'else', 'b']);
    assert.ok(server.completions.length <= 2, `${server.completions.length} requests`);
    await waitForState(api, 'error');
    for (const text of readable(captured.messages)) {
      assert.ok(text.length <= 600, `${text.length} characters: ${text.slice(0, 80)}…`);
      assert.ok(!/command:/.test(text), `a command link: ${text.slice(0, 120)}`);
    }
  });

  test('an exhausted quota: one request and one notice over many pauses; the status says so', async () => {
    const captured = captureMessages();
    restoreMessages = captured.restore;
    server.response = { status: 429, message: 'You exceeded your current quota, please check your plan and billing details.' };
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'def sub(a, b):\n    ' });
    await typeAndPause(doc, ['return', 'a', '-', 'b', 'if', 'a']);
    assert.equal(server.completions.length, 1);
    await waitFor('the pause in the status bar', () => (/quota exhausted/.test(api.status().message ?? '') ? true : undefined), 5_000);
    const notices = captured.messages.filter((m) => /paused/.test(m.text));
    assert.equal(notices.length, 1, JSON.stringify(captured.messages));
  });

  test('a server that never stops streaming: a bounded suggestion of whole lines, and the stream closed within seconds', async () => {
    server.response = { endless: true };
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'def table():\n    ' });
    // In front, as where a user types: the switches of other tests' editors leave its stream alone.
    await vscode.window.showTextDocument(doc);
    const started = Date.now();
    const items = await provideAutomatic(api, doc, endOf(doc));
    assert.ok(items.length === 1, `items: ${items.length}`);
    await waitFor('the client to hang up on the endless stream', () => (server.completions[0]?.disconnected ? true : undefined), 5_000);
    assert.ok(Date.now() - started < 5_000, `closed after ${Date.now() - started} ms`);
    // What the answer shows now (asked again, as typing through would): bounded, whole lines only.
    const again = await provideAutomatic(api, doc, endOf(doc));
    const text = insertTextOf(again[0] ?? items[0]!);
    assert.ok(text.length <= 128 * 6, `${text.length} characters of ghost text`);
    assert.match(text, /^x0 = 0\n/);
    assert.ok(text.split('\n').every((line) => line === '' || /^\s*x\d+ = \d+$/.test(line)), 'a cut line in the suggestion');
    assert.equal(server.completions.length, 1);
    assert.ok((api.status().message ?? '').length <= 600);
  });
});
