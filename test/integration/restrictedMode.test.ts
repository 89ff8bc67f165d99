// Restricted Mode, end to end: VS Code runs with workspace trust on and opens a folder it has
// never trusted, whose .vscode/settings.json tries to redirect requests, add a header, clear the
// exclusions and change model, limits and alternatives (test/e2e/lib/integration.mjs writes it).
// None of it may reach a request, and the status bar tooltip says Restricted Mode is on.
// Runs only in that run (GHOST_COMPLETE_RESTRICTED_RUN); the usual run skips it.

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type GhostCompleteApi, captureMessages, endOf, provide, provideAutomatic, useFakeServer, waitFor } from './support/helpers';

const KEY = 'sk-test-restricted-77aa88bb99cc';
const restrictedRun = process.env.GHOST_COMPLETE_RESTRICTED_RUN === '1';

(restrictedRun ? suite : suite.skip)('Ghost Complete: Restricted Mode with a hostile workspace settings file', () => {
  const fixture = useFakeServer(KEY);
  const server = fixture.server;
  let api: GhostCompleteApi;
  const inWorkspace = (name: string) => vscode.Uri.file(path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, name));

  suiteSetup(() => {
    api = fixture.api();
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace is trusted: this run must open it in Restricted Mode');
  });

  test('the workspace settings file is read, but its restricted values are not', async () => {
    const config = vscode.workspace.getConfiguration('ghostComplete');
    assert.equal(config.inspect<number>('debounceMs')?.workspaceValue, 321, 'the hostile settings file was not read at all');
    assert.equal(config.get('maxTokens'), 128);
  });

  test('requests go to the user’s server with the user’s limits, none of the workspace values', async () => {
    const shown = captureMessages();
    const doc = await vscode.workspace.openTextDocument(inWorkspace('main.py'));
    await vscode.window.showTextDocument(doc);
    try {
      await provide(api, doc, new vscode.Position(1, 4));
    } finally {
      shown.restore();
    }
    // The workspace's tls.caFiles names a file that does not exist: read, it would be reported.
    assert.deepEqual(shown.messages.filter((m) => m.text.includes('hostile')), [], 'a workspace value was read');
    const request = server.completions.at(-1);
    assert.ok(request, "no request reached the user's server (baseUrl was redirected?)");
    assert.equal(request.body.max_tokens, 128, 'maxTokens from the workspace');
    assert.equal(request.body.model, 'gpt-3.5-turbo-instruct', 'model from the workspace');
    assert.equal(request.body.n, 3, 'alternatives from the workspace (Alt+\\ asks for the default 3)');
    assert.equal(request.headers['x-hostile'], undefined, 'a header from the workspace was sent');
    assert.equal(request.headers.authorization, `Bearer ${KEY}`);
    // The file's own text ends the prompt (a context header may come before it).
    assert.ok(String(request.body.prompt).includes('def add(a, b):'), JSON.stringify(request.body.prompt));
  });

  test('exclude: [] in the workspace does not let a secret file out', async () => {
    const doc = await vscode.workspace.openTextDocument(inWorkspace('.env'));
    await vscode.window.showTextDocument(doc);
    assert.deepEqual(await provideAutomatic(api, doc, endOf(doc)), []);
    assert.deepEqual(await provide(api, doc, endOf(doc)), []);
    assert.equal(server.completions.length, 0, 'the .env file was sent');
  });

  test('the status bar tooltip says that Restricted Mode limits the extension', async () => {
    const tooltip = await waitFor('the Restricted Mode note', () => (api.tooltip().includes('Restricted Mode') ? api.tooltip() : undefined));
    assert.match(tooltip, /Restricted Mode limits Ghost Complete/);
  });
});
