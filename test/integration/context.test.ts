// Context beyond the file, in a real VS Code: a definition in another open editor of the
// workspace reaches the prompt as a comment; excluded files, untitled documents and the
// settings that switch context off keep it out.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { endOf, provide, setSetting, type GhostCompleteApi, useFakeServer, waitFor } from './support/helpers';

const KEY = 'sk-test-context-0123456789';
const DEFINITION = 'def polygon_area(points):';

suite('Ghost Complete: context from other files', () => {
  const fixture = useFakeServer(KEY);
  const server = fixture.server;
  let api: GhostCompleteApi;
  let dir: vscode.Uri;

  suiteSetup(async () => {
    api = fixture.api();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the tests run with a workspace folder open');
    dir = vscode.Uri.joinPath(folder.uri, `ctx-${process.pid}-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(dir);
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(dir, { recursive: true, useTrash: false });
  });

  async function openInEditor(name: string, text: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.joinPath(dir, name);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false, preserveFocus: false });
    return doc;
  }

  const helper = `${DEFINITION}\n    """Shoelace formula."""\n    total = 0\n    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):\n        total += x1 * y2 - x2 * y1\n    return abs(total) / 2\n`;
  const main = 'from geometry import polygon_area\n\nsquare = [(0, 0), (1, 0), (1, 1), (0, 1)]\narea = polygon_area(';

  async function promptFor(doc: vscode.TextDocument): Promise<string> {
    const before = server.completions.length;
    await provide(api, doc, endOf(doc));
    assert.equal(server.completions.length, before + 1, 'one request expected');
    return String(server.completions.at(-1)!.body.prompt);
  }

  test('a definition in another open editor is in the prompt, as a comment labelled with its path', async () => {
    await openInEditor('geometry.py', helper);
    const doc = await openInEditor('main.py', main);
    const prompt = await promptFor(doc);
    assert.ok(prompt.includes(`# ${DEFINITION}`), `prompt: ${JSON.stringify(prompt)}`);
    assert.match(prompt, /# .*geometry\.py/);
    assert.match(prompt, /^# Path: .*main\.py \(Python\)\n/);
    assert.ok(prompt.endsWith(main), 'the file\'s own text comes last, unchanged');
    assert.ok(prompt.indexOf(DEFINITION) < prompt.indexOf(main));
  });

  test('the other open file is indexed in the background after the switch: the request only ranks, and still carries the definition', async () => {
    const builds = () => api.contextIndexBuildsForTests?.() ?? assert.fail('the extension does not run in test mode');
    await openInEditor('shapes.py', helper.replace('polygon_area', 'shape_area'));
    const doc = await openInEditor('uses_shapes.py', main.replace(/polygon_area/g, 'shape_area'));
    const before = builds();
    await waitFor('shapes.py indexed in the background', () => builds() > before || undefined, 5_000);
    const indexed = builds();
    const prompt = await promptFor(doc);
    assert.equal(builds(), indexed, 'the request indexed a file itself');
    assert.ok(prompt.includes('# def shape_area(points):'), `prompt: ${JSON.stringify(prompt)}`);
  });

  test('a language server\'s definition (of a call, or the type of a local variable) comes from a file that is not even open', async () => {
    const lib = vscode.Uri.joinPath(dir, 'lib_shapes.py');
    await vscode.workspace.fs.writeFile(lib, Buffer.from('import math\n\nclass Polygon:\n    def hull_area(self):\n        return 0\n\ndef make_polygon(points):\n    return Polygon()\n', 'utf8'));
    const code = 'shape = make_polygon(points)\nshape.';
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: code });
    await vscode.window.showTextDocument(doc);
    const wordAt = (d: vscode.TextDocument, p: vscode.Position) => d.getText(d.getWordRangeAtPosition(p));
    const providers = [
      vscode.languages.registerDefinitionProvider({ language: 'python' }, {
        provideDefinition: (d, p) => {
          const word = wordAt(d, p);
          if (word === 'make_polygon') return new vscode.Location(lib, new vscode.Position(6, 0));
          // A local variable: defined right here, its type elsewhere.
          if (word === 'shape') return new vscode.Location(d.uri, new vscode.Position(0, 0));
          return undefined;
        },
      }),
      vscode.languages.registerTypeDefinitionProvider({ language: 'python' }, {
        provideTypeDefinition: (d, p) => (wordAt(d, p) === 'shape' ? new vscode.Location(lib, new vscode.Position(2, 0)) : undefined),
      }),
    ];
    try {
      // The first request (end of line 1) waits 25 ms at most for the lookups (here: trips
      // through VS Code and a file read); what comes later is kept for the next request.
      await provide(api, doc, doc.lineAt(0).range.end);
      await new Promise((r) => setTimeout(r, 300));
      const prompt = await promptFor(doc);
      assert.ok(prompt.includes('# def make_polygon(points):'), `the called function's definition is missing: ${JSON.stringify(prompt)}`);
      assert.ok(prompt.includes('# class Polygon:'), `the local variable's type is missing: ${JSON.stringify(prompt)}`);
      assert.ok(prompt.endsWith(code));
    } finally {
      providers.forEach((p) => p.dispose());
    }
  });

  test('ghostComplete.context.enable false sends the file alone', async () => {
    await setSetting('context.enable', false);
    await openInEditor('geometry.py', helper);
    const doc = await openInEditor('main.py', main);
    assert.equal(await promptFor(doc), main);
  });

  test('excluded files and untitled documents never contribute', async () => {
    await setSetting('exclude', ['**/private_*.py']);
    await openInEditor('private_geometry.py', helper);
    await openInEditor('secrets.py', helper);
    const untitled = await vscode.workspace.openTextDocument({ language: 'python', content: helper });
    await vscode.window.showTextDocument(untitled, { preview: false });
    const doc = await openInEditor('main.py', main);
    const prompt = await promptFor(doc);
    assert.ok(!prompt.includes(DEFINITION), `prompt: ${JSON.stringify(prompt)}`);
    assert.ok(prompt.endsWith(main));
  });
});
