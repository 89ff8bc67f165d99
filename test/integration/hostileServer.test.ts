// Servers that misbehave, met in a real VS Code: the extension stays bounded and quiet.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type GhostCompleteApi, endOf, insertTextOf, provideAutomatic, useFakeServer, waitFor } from './support/helpers';

const KEY = 'sk-test-hostile-5c4b3a2918';

suite('Ghost Complete: hostile servers', () => {
  const fixture = useFakeServer(KEY);
  const server = fixture.server;
  let api: GhostCompleteApi;

  suiteSetup(() => {
    api = fixture.api();
  });

  test('a server that never stops streaming: a bounded suggestion of whole lines, and the stream closed within seconds', async () => {
    server.response = { endless: true };
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'def table():\n    ' });
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
