// Complete Selection when things go wrong: the user's own edit stops it without being
// touched, a stream that breaks off leaves no half-written answer behind, and a server that
// refuses `suffix` is asked again without it, as inline completions do.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type GhostCompleteApi, provide, useFakeServer, waitFor } from './support/helpers';

const KEY = 'sk-test-selection-9f8e7d6c5b4a';

suite('Ghost Complete: Complete Selection under interruption', () => {
  const fixture = useFakeServer(KEY);
  const server = fixture.server;
  let api: GhostCompleteApi;

  suiteSetup(() => {
    api = fixture.api();
  });

  async function selectLine(content: string, line: number): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(line, 0, line, doc.lineAt(line).text.length);
    return { doc, editor };
  }

  test('an edit by the user stops the stream; the edit stays and nothing more is inserted', async () => {
    server.response = { text: 'AAAA BBBB CCCC DDDD EEEE FFFF', chunkSize: 5, delayMs: 150 };
    const original = 'def mul(a, b):\n# end\n';
    const { doc, editor } = await selectLine(original, 0);
    const command = vscode.commands.executeCommand('ghostComplete.completeSelection');
    await waitFor('the first streamed piece', () => doc.getText().includes('AAAA'), 5_000);

    // The user moves to the end of the document and types while the answer streams in.
    const end = doc.positionAt(doc.getText().length);
    editor.selection = new vscode.Selection(end, end);
    await vscode.commands.executeCommand('type', { text: 'x = 1\n' });
    await command;
    const afterStop = doc.getText();
    await new Promise((r) => setTimeout(r, 600));

    assert.equal(doc.getText(), afterStop, 'text was inserted after the user edited');
    assert.ok(afterStop.endsWith('# end\nx = 1\n'), `the user's edit was changed: ${JSON.stringify(afterStop)}`);
    assert.ok(!afterStop.includes('FFFF'), 'the stream was not stopped');
    assert.ok(afterStop.startsWith('def mul(a, b):AAAA'), `unexpected text: ${JSON.stringify(afterStop)}`);
    await waitFor('the request to end', () => api.status().state !== 'requesting', 5_000);
  });

  test('while the answer streams in, the document gets no ghost text and sends no request of its own; a second run is refused', async () => {
    server.response = { text: ' return a * b  # the product', chunkSize: 4, delayMs: 250 };
    const { doc, editor } = await selectLine('def mul(a, b):\n', 0);
    const command = vscode.commands.executeCommand('ghostComplete.completeSelection');
    await waitFor('the first streamed piece', () => doc.getText().includes(' ret'), 5_000);

    // VS Code asks the provider after each of our edits, at the cursor: nothing to offer there.
    const cursor = doc.positionAt(doc.getText().indexOf('\n'));
    assert.deepEqual(await provide(api, doc, cursor), []);
    await vscode.commands.executeCommand('ghostComplete.completeSelection');
    await command;
    assert.equal(doc.getText(), 'def mul(a, b): return a * b  # the product\n');
    assert.equal(server.completions.length, 1, 'a request other than the streamed answer was sent');
    // Once written, the document is open to suggestions again.
    editor.selection = new vscode.Selection(doc.positionAt(doc.getText().length), doc.positionAt(doc.getText().length));
    await provide(api, doc, doc.positionAt(doc.getText().length));
    assert.equal(server.completions.length, 2);
  });

  test('a stream that breaks off takes back what it inserted and reports the error', async () => {
    server.response = { text: 'return a * b * c * d * e', chunkSize: 4, delayMs: 60, cutAfter: 3 };
    const original = 'def mul(a, b):\n';
    const { doc } = await selectLine(original, 0);
    await vscode.commands.executeCommand('ghostComplete.completeSelection');
    await waitFor('status error', () => api.status().state === 'error', 10_000);
    assert.equal(doc.getText(), original, 'a half-written answer was left in the document');
    assert.ok(server.completions.length >= 1, 'no request was made');
  });

  test('a whole 10 MB file selected: the request carries only the selection\'s end, and the answer lands after it', async function () {
    // Handing 10 MB to VS Code and back takes seconds on a busy machine; the request itself does not.
    this.timeout(60_000);
    server.response = { text: ' * b' };
    const filler = '# ' + 'x'.repeat(78) + '\n';
    const tail = 'def mul(a, b):\n    return a';
    const content = filler.repeat(Math.ceil((10 * 1024 * 1024) / filler.length)) + tail;
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content });
    const editor = await vscode.window.showTextDocument(doc);
    const end = doc.positionAt(content.length);
    editor.selection = new vscode.Selection(new vscode.Position(0, 0), end);
    await vscode.commands.executeCommand('ghostComplete.completeSelection');

    assert.equal(server.completions.length, 1);
    const prompt = String(server.completions[0].body.prompt);
    assert.ok(prompt.endsWith(tail), `the prompt does not end where the selection does: ${JSON.stringify(prompt.slice(-40))}`);
    assert.ok(prompt.length < 64 * 1024, `the prompt carried ${prompt.length} characters of a 10 MB selection`);
    assert.equal(doc.getText(new vscode.Range(doc.positionAt(content.length - tail.length), doc.positionAt(doc.getText().length))), `${tail} * b`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a server that refuses `suffix` still gets its answer inserted; neither path sends suffix again', async () => {
    server.rejectSuffix = true;
    server.response = { text: ' * b' };
    const original = 'def mul(a, b):\n    return a\n\nprint(mul(2, 3))\n';
    const { doc } = await selectLine(original, 1);
    await vscode.commands.executeCommand('ghostComplete.completeSelection');
    assert.equal(doc.getText(), 'def mul(a, b):\n    return a * b\n\nprint(mul(2, 3))\n');
    assert.deepEqual(
      server.completions.map((r) => r.body.suffix !== undefined),
      [true, false],
      'refused once with suffix, then answered without it',
    );

    // Inline completions share what Complete Selection learned about this server.
    const other = await vscode.workspace.openTextDocument({ language: 'python', content: 'def add(a, b):\n    \n\nprint(add(1, 2))\n' });
    await provide(api, other, new vscode.Position(1, 4));
    assert.deepEqual(
      server.completions.slice(2).map((r) => r.body.suffix !== undefined),
      [false],
      'the inline request sent suffix to a server known to refuse it',
    );
  });
});
