// Ghost Complete against a loopback fake of the OpenAI Completions API, in a real VS Code:
// the key reaches the server, the provider returns what was streamed, Complete Selection
// edits the document as one undo step, and a server error shows in the status.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  type GhostCompleteApi,
  endOf,
  insertTextOf,
  provide,
  provideAutomatic,
  setApiKey,
  setSetting,
  waitFor,
  useFakeServer,
  openAddFunction,
} from './support/helpers';

const KEY = 'sk-test-integration-0123456789';

suite('Ghost Complete: completions against a fake server', () => {
  const fixture = useFakeServer(KEY);
  const server = fixture.server;
  let api: GhostCompleteApi;

  suiteSetup(() => {
    api = fixture.api();
  });

  test('a stored key reaches the server as a Bearer token', async () => {
    const other = 'sk-second-key-abcdef';
    await setApiKey(api, other);
    const doc = await openAddFunction();
    const items = await provide(api, doc, doc.positionAt(doc.getText().length));
    assert.ok(items.length > 0, 'no suggestion');
    const request = server.completions.at(-1);
    assert.ok(request, 'the fake server received no completion request');
    assert.equal(request.headers.authorization, `Bearer ${other}`);
  });

  test('the provider returns the streamed text as an item with an explicit range at the cursor', async () => {
    server.response = { text: 'return a + b', chunkSize: 3 };
    const doc = await openAddFunction();
    const position = doc.positionAt(doc.getText().length);
    const items = await provide(api, doc, position);
    assert.equal(items.length, 1, `expected one item, got ${items.length}`);
    const item = items[0]!;
    assert.equal(insertTextOf(item), 'return a + b');
    assert.ok(item.range, 'the item has no explicit range');
    assert.ok(item.range.start.isEqual(position), `range starts at ${JSON.stringify(item.range.start)}`);
    assert.ok(item.range.end.isEqual(position), `range ends at ${JSON.stringify(item.range.end)}`);
    assert.equal(doc.getText(), 'def add(a, b):\n    ', 'the provider must not edit the document');

    const request = server.completions.at(-1);
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.headers.authorization, `Bearer ${KEY}`);
    assert.match(String(request.headers['content-type']), /application\/json/);
    const body = request.body;
    assert.equal(body.model, 'gpt-3.5-turbo-instruct');
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.equal(typeof body.prompt, 'string');
    assert.ok(body.prompt.endsWith('def add(a, b):\n    '), `prompt: ${JSON.stringify(body.prompt)}`);
    assert.equal(typeof body.max_tokens, 'number');
    assert.equal(typeof body.temperature, 'number');
  });

  test('switching to another editor closes the stream of the file left; bringing the file itself to the front keeps it', async () => {
    // A slow multi-line answer: still streaming while the editors change.
    const lines = Array.from({ length: 20 }, (_, i) => `    x${i} = ${i}\n`).join('');
    server.response = { text: `return a + b\n${lines}`, chunkSize: 4, delayMs: 30 };
    const content = 'def add(a, b):\n    ';

    const shown = await vscode.workspace.openTextDocument({ language: 'python', content });
    assert.equal((await provideAutomatic(api, shown, endOf(shown))).length, 1);
    const kept = server.completions.at(-1)!;
    await vscode.window.showTextDocument(shown);
    await waitFor('the first stream to end', () => kept.finished || kept.disconnected, 10_000);
    assert.ok(kept.finished && !kept.disconnected, 'the stream of the file brought to the front was closed');

    const left = await vscode.workspace.openTextDocument({ language: 'python', content });
    assert.equal((await provideAutomatic(api, left, endOf(left))).length, 1);
    const dropped = server.completions.at(-1)!;
    assert.notEqual(dropped, kept);
    await vscode.window.showTextDocument(await openAddFunction());
    await waitFor('the stream of the file left to close', () => dropped.disconnected || dropped.finished, 10_000);
    assert.ok(dropped.disconnected, 'the stream of a file the user left ran to its end');
  });

  test('a [python] stop override is sent with python requests', async () => {
    await setSetting('stop', ['\nclass '], 'python');
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'x = 1\n' });
    await provide(api, doc, doc.positionAt(doc.getText().length));
    const request = server.completions.at(-1);
    assert.ok(request, 'no request');
    const stop = ([] as string[]).concat(request.body.stop ?? []);
    assert.ok(stop.includes('\nclass '), `stop sent: ${JSON.stringify(request.body.stop)}`);
  });

  test('a 500 from the server puts the status into error and leaves the document alone', async () => {
    server.response = { status: 500, message: 'fake internal error' };
    const content = 'def add(a, b):\n    ';
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content });
    const versionBefore = doc.version;
    const items = await provide(api, doc, doc.positionAt(content.length));
    assert.equal(items.length, 0, 'no suggestion expected after a 500');
    assert.ok(server.completions.length >= 1, 'the server was not asked');
    const status = await waitFor('status error', () => (api.status().state === 'error' ? api.status() : undefined), 5_000);
    assert.equal(status.state, 'error');
    assert.equal(doc.getText(), content);
    assert.equal(doc.version, versionBefore, 'the document was edited');
  });

  test('Complete Selection streams the completion after the selection, no doubled blank line, the cursor after it; one undo removes it', async () => {
    const streamed = '\n    return a * b\n';
    server.response = { text: streamed, chunkSize: 3, delayMs: 20 };
    const original = '# multiply\ndef mul(a, b):\n\nprint(mul(2, 3))\n';
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: original });
    const editor = await vscode.window.showTextDocument(doc);
    // Select "def mul(a, b):" (line 1).
    editor.selection = new vscode.Selection(1, 0, 1, 'def mul(a, b):'.length);
    const insertAt = doc.offsetAt(editor.selection.end);
    // The answer's final line break would double the one after the selection: it is dropped.
    const expected = original.slice(0, insertAt) + streamed.trimEnd() + original.slice(insertAt);

    await vscode.commands.executeCommand('ghostComplete.completeSelection');
    await waitFor('the streamed text in the document', () => doc.getText() === expected, 10_000).catch(() => undefined);
    assert.equal(doc.getText(), expected);
    // The cursor waits after the answer, nothing selected: the next key continues it.
    const end = doc.positionAt(insertAt + streamed.trimEnd().length);
    assert.ok(editor.selection.isEmpty && editor.selection.active.isEqual(end), `selection ${JSON.stringify(editor.selection)}`);
    await waitFor('the request to finish', () => api.status().state !== 'requesting', 5_000);
    const request = server.completions.at(-1);
    assert.ok(request, 'no request');
    assert.equal(request.headers.authorization, `Bearer ${KEY}`);
    assert.ok(String(request.body.prompt).endsWith('def mul(a, b):'), `prompt: ${JSON.stringify(request.body.prompt)}`);

    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor('one undo to restore the original', () => doc.getText() === original, 5_000).catch(() => undefined);
    assert.equal(doc.getText(), original, 'a single undo did not remove the whole insertion');
  });

  test('Complete Selection after a 500 leaves the document unchanged and reports an error', async () => {
    server.response = { status: 500, message: 'fake internal error' };
    const original = 'def mul(a, b):\n';
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: original });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 0, 'def mul(a, b):'.length);
    await vscode.commands.executeCommand('ghostComplete.completeSelection');
    await waitFor('status error', () => api.status().state === 'error', 10_000);
    assert.equal(doc.getText(), original);
  });
});
