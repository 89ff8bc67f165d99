// The inline completion provider as VS Code calls it: typing through a suggestion, explicit
// requests with alternatives, a suggest-widget item selected, a closing bracket after the
// cursor, excluded secret files, and the Azure / OpenAI-compatible providers.

import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  type GhostCompleteApi,
  captureMessages,
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

const KEY = 'sk-test-provider-1a2b3c4d5e6f';

suite('Ghost Complete: the inline completion provider', () => {
  const fixture = useFakeServer(KEY);
  const server = fixture.server;
  let api: GhostCompleteApi;
  const cleanups: Array<() => unknown> = [];

  suiteSetup(() => {
    api = fixture.api();
  });

  teardown(async () => {
    while (cleanups.length) await cleanups.pop()!();
    await setApiKey(api, KEY);
  });

  test('typing through a suggestion (and Backspace back to it) is served without a request', async () => {
    server.response = { text: 'return a + b', chunkSize: 3 };
    const doc = await openAddFunction();
    const start = endOf(doc);
    const first = await provideAutomatic(api, doc, start);
    assert.deepEqual(first.map(insertTextOf), ['return a + b']);
    assert.equal(server.completions.length, 1);
    const sent = api.requestCount();

    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, start, 'ret');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const typed = start.translate(0, 3);
    const second = await provideAutomatic(api, doc, typed);
    assert.deepEqual(second.map(insertTextOf), ['urn a + b']);
    assert.ok(second[0]!.range?.start.isEqual(typed), `range ${JSON.stringify(second[0]!.range)}`);
    assert.equal(server.completions.length, 1, 'typing through the suggestion sent a request');
    assert.equal(api.requestCount(), sent);

    const back = new vscode.WorkspaceEdit();
    back.delete(doc.uri, new vscode.Range(start, typed));
    assert.ok(await vscode.workspace.applyEdit(back));
    const third = await provideAutomatic(api, doc, start);
    assert.deepEqual(third.map(insertTextOf), ['return a + b']);
    assert.equal(server.completions.length, 1, 'Backspace back to the suggestion sent a request');
  });

  test('an explicit request (Alt+\\) asks for n: 3 and serves the 3 alternatives from one answer; an automatic one sends no n', async () => {
    server.response = { text: 'return a * b' };
    const auto = await vscode.workspace.openTextDocument({ language: 'python', content: 'def mul(a, b):\n    ' });
    const one = await provideAutomatic(api, auto, endOf(auto));
    assert.deepEqual(one.map(insertTextOf), ['return a * b']);
    assert.ok(!('n' in server.completions.at(-1)!.body), `automatic request sent n: ${server.completions.at(-1)!.body.n}`);

    const alternatives = ['return a + b', 'return b + a', 'return sum((a, b))'];
    server.response = { choices: alternatives, chunkSize: 4 };
    const doc = await openAddFunction();
    const invoke = () => provide(api, doc, endOf(doc), { triggerKind: vscode.InlineCompletionTriggerKind.Invoke });
    const first = await invoke();
    assert.equal(server.completions.at(-1)!.body.n, 3);
    // The first alternative shows as soon as it is ready; cycling (Alt+]) asks again and gets them all.
    assert.ok(first.length >= 1 && first.every((i) => alternatives.includes(insertTextOf(i))), JSON.stringify(first.map(insertTextOf)));
    let items = first;
    for (let i = 0; i < 100 && items.length < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      items = await invoke();
    }
    assert.deepEqual(items.map(insertTextOf).sort(), [...alternatives].sort());
    assert.equal(server.completions.length, 2, 'cycling sent no request of its own');
  });

  test('with a suggest-widget item selected, the suggestion extends it and replaces its range', async () => {
    server.response = { text: '(f"Hello, {name}")' };
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'def greet(name):\n    pr' });
    const position = endOf(doc);
    const range = new vscode.Range(1, 4, 1, 6);
    const items = await provideAutomatic(api, doc, position, { selectedCompletionInfo: { range, text: 'print' } });
    const request = server.completions.at(-1);
    assert.ok(request, 'no request');
    assert.ok(String(request.body.prompt).endsWith('def greet(name):\n    print'), `prompt ${JSON.stringify(request.body.prompt)}`);
    assert.equal(items.length, 1);
    const item = items[0]!;
    assert.ok(insertTextOf(item).startsWith('print'), `insertText ${insertTextOf(item)}`);
    assert.equal(insertTextOf(item), 'print(f"Hello, {name}")');
    assert.ok(item.range?.isEqual(range), `range ${JSON.stringify(item.range)} instead of ${JSON.stringify(range)}`);
  });

  test('a closing bracket already after the cursor is replaced, not duplicated, on accept', async () => {
    server.response = { text: 'a, b)' };
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'def show(a, b):\n    print()\n' });
    const position = new vscode.Position(1, '    print('.length);
    const items = await provideAutomatic(api, doc, position);
    assert.equal(items.length, 1);
    const item = items[0]!;
    assert.ok(item.range, 'no range');
    assert.ok(item.range.isEqual(new vscode.Range(position, position.translate(0, 1))), `range ${JSON.stringify(item.range)} does not cover the ")"`);
    // Accept it as VS Code does: replace the item's range with its text.
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, item.range, insertTextOf(item));
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(doc.lineAt(1).text, '    print(a, b)');
  });

  test('secret files (.env, .npmrc, *.tfvars, credentials.json) are never sent, even with exclude: []; a .py file next to them is', async () => {
    const dir = vscode.Uri.file(path.join(os.tmpdir(), `ghost-exclude-${process.pid}-${Date.now()}`));
    await vscode.workspace.fs.createDirectory(dir);
    cleanups.push(() => vscode.workspace.fs.delete(dir, { recursive: true, useTrash: false }));
    const write = async (name: string, text: string) => {
      const uri = vscode.Uri.joinPath(dir, name);
      await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
      return vscode.workspace.openTextDocument(uri);
    };

    // An empty list in the user's settings cannot switch the built-in secret files off.
    await setSetting('exclude', []);
    for (const name of ['.env', '.env.production', '.npmrc', 'prod.tfvars', 'credentials.json']) {
      const env = await write(name, 'OPENAI_API_KEY=sk-secret-value\nDATABASE_URL=');
      assert.deepEqual(await provide(api, env, endOf(env)), [], `a suggestion in ${name}`);
      assert.deepEqual(await provideAutomatic(api, env, endOf(env)), [], `a suggestion in ${name} (automatic)`);
      assert.equal(server.requests.length, 0, `${name} was sent to the server`);
    }

    const py = await write('app.py', 'def add(a, b):\n    ');
    const items = await provide(api, py, endOf(py));
    assert.deepEqual(items.map(insertTextOf), ['return a + b']);
    assert.equal(server.completions.length, 1);
    assert.ok(!JSON.stringify(server.completions[0]!.body).includes('sk-secret-value'));
  });

  test('provider azure: deployment URL with api-version, api-key header, no Authorization', async () => {
    await setSetting('azure.deployment', 'dep1');
    await setSetting('provider', 'azure');
    await setSetting('baseUrl', server.origin);
    const doc = await openAddFunction();
    const items = await provide(api, doc, endOf(doc));
    assert.deepEqual(items.map(insertTextOf), ['return a + b']);
    const request = server.completions.at(-1);
    assert.ok(request, 'no request');
    assert.equal(request.path, '/openai/deployments/dep1/completions');
    assert.match(request.query['api-version'] ?? '', /^\d{4}-\d{2}-\d{2}/, `query ${JSON.stringify(request.query)}`);
    assert.equal(request.query['api-version'], '2024-10-21');
    assert.equal(request.headers['api-key'], KEY);
    assert.equal(request.headers.authorization, undefined);
  });

  test('provider openai-compatible without a key: no Authorization header and no "no API key" state', async () => {
    const captured = captureMessages();
    cleanups.push(captured.restore);
    await setSetting('provider', 'openai-compatible');
    await vscode.commands.executeCommand('ghostComplete.clearApiKey');
    await waitFor('status ready', () => api.status().state === 'idle');
    const doc = await openAddFunction();
    const items = await provide(api, doc, endOf(doc));
    assert.deepEqual(items.map(insertTextOf), ['return a + b']);
    const request = server.completions.at(-1);
    assert.ok(request, 'no request');
    assert.equal(request.headers.authorization, undefined);
    assert.equal(request.headers['api-key'], undefined);
    await waitFor('the request to finish', () => api.status().state !== 'requesting');
    assert.equal(api.status().state, 'idle');
    assert.ok(!captured.messages.some((m) => /needs an API key/i.test(m.text)), `asked for a key: ${JSON.stringify(captured.messages)}`);
  });
});
