// Editors where the user reads rather than writes get no ghost text and send nothing: the
// modified side of a diff, the output panel. Two cursors in one document (a split editor) share
// the cache without serving one cursor the other's answer.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type GhostCompleteApi, insertTextOf, provide, useFakeServer, waitFor } from './support/helpers';

const KEY = 'sk-test-editors-1f2e3d4c5b6a';

function workspaceFile(name: string, content: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gc-ed-'));
  const file = path.join(folder, name);
  fs.writeFileSync(file, content);
  return vscode.Uri.file(file);
}

/** A file system that serves one file, read-only. */
function readOnlyFiles(content: string): vscode.FileSystemProvider {
  const bytes = new TextEncoder().encode(content);
  const denied = (): never => {
    throw vscode.FileSystemError.NoPermissions();
  };
  return {
    onDidChangeFile: new vscode.EventEmitter<vscode.FileChangeEvent[]>().event,
    watch: () => new vscode.Disposable(() => undefined),
    stat: () => ({ type: vscode.FileType.File, ctime: 0, mtime: 0, size: bytes.length }),
    readDirectory: () => [],
    readFile: () => bytes,
    createDirectory: denied,
    writeFile: denied,
    delete: denied,
    rename: denied,
  };
}

suite('Ghost Complete: other editors of a document', () => {
  const fixture = useFakeServer(KEY);
  const server = fixture.server;
  let api: GhostCompleteApi;

  suiteSetup(() => {
    api = fixture.api();
  });

  test('the modified side of a diff gets nothing; the same file in a normal editor does', async () => {
    const before = workspaceFile('calc.orig.py', 'def add(a, b):\n    pass\n');
    const after = workspaceFile('calc.py', 'def add(a, b):\n    \n');
    await vscode.commands.executeCommand('vscode.diff', before, after, 'calc.py (review)');
    const doc = await waitFor('the diff editor', () =>
      vscode.window.activeTextEditor?.document.uri.fsPath === after.fsPath ? vscode.window.activeTextEditor.document : undefined,
    );
    assert.deepEqual(await provide(api, doc, new vscode.Position(1, 4)), []);
    assert.equal(server.completions.length, 0, 'a request was sent from a diff editor');

    await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    assert.deepEqual((await provide(api, doc, new vscode.Position(1, 4))).map(insertTextOf), ['return a + b']);
  });

  test('a document on a read-only file system gets nothing', async () => {
    // A read-only provider for a scheme that is otherwise completed (virtual workspaces).
    const registration = vscode.workspace.registerFileSystemProvider('vscode-vfs', readOnlyFiles('def add(a, b):\n    \n'), { isReadonly: true });
    try {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse('vscode-vfs://github/owner/repo/calc.py'));
      await vscode.window.showTextDocument(doc);
      assert.deepEqual(await provide(api, doc, new vscode.Position(1, 4)), []);
      assert.equal(server.completions.length, 0, 'a request was sent for a read-only document');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      registration.dispose();
    }
  });

  test('the output panel gets nothing', async () => {
    const channel = vscode.window.createOutputChannel('Ghost Complete test output');
    try {
      channel.append('def add(a, b):\n    ');
      channel.show();
      const doc = await waitFor('the output document', () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output'));
      assert.deepEqual(await provide(api, doc, doc.positionAt(doc.getText().length)), []);
      assert.equal(server.completions.length, 0);
    } finally {
      channel.dispose();
    }
  });

  test('two cursors in one document (split editor): each gets its own answer, and the cache serves each its own', async () => {
    const uri = workspaceFile('split.py', 'def add(a, b):\n    \n\ndef mul(a, b):\n    \n');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.Two);
    server.enqueue({ text: 'return a + b' }, { text: 'return a * b' });
    const add = new vscode.Position(1, 4);
    const mul = new vscode.Position(4, 4);
    assert.deepEqual((await provide(api, doc, add)).map(insertTextOf), ['return a + b']);
    assert.deepEqual((await provide(api, doc, mul)).map(insertTextOf), ['return a * b']);
    assert.equal(server.completions.length, 2);
    // Back in the first editor: its answer again, from the cache.
    assert.deepEqual((await provide(api, doc, add, { triggerKind: vscode.InlineCompletionTriggerKind.Automatic })).map(insertTextOf), ['return a + b']);
    assert.equal(server.completions.length, 2, 'the cached answer was asked for again');
  });
});
