// Jupyter notebooks in a real VS Code: a code cell is completed with the notebook's other
// cells around it, markdown cells and excluded notebooks send nothing, and Complete Selection
// works inside a cell. VS Code opens .ipynb files with its built-in serializer (no kernel).

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type GhostCompleteApi, endOf, insertTextOf, provide, useFakeServer, waitFor } from './support/helpers';

const KEY = 'sk-test-notebook-5a4b3c2d1e0f';

function cell(cellType: 'code' | 'markdown', source: string): object {
  const base = { cell_type: cellType, metadata: {}, source: source.split(/(?<=\n)/) };
  return cellType === 'code' ? { ...base, execution_count: null, outputs: [] } : base;
}

function writeNotebook(name: string, cells: object[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gc-nb-'));
  const file = path.join(folder, name);
  const notebook = {
    cells,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' }, language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  fs.writeFileSync(file, JSON.stringify(notebook, null, 1));
  return vscode.Uri.file(file);
}

const CELLS = [
  cell('markdown', '# Sales report\nLoad the data first.'),
  cell('code', 'import pandas as pd'),
  cell('code', 'df = pd.read_csv('),
  cell('code', 'print(df.head())'),
];

suite('Ghost Complete: Jupyter notebooks', () => {
  const fixture = useFakeServer(KEY);
  const server = fixture.server;
  let api: GhostCompleteApi;

  suiteSetup(() => {
    api = fixture.api();
  });

  async function open(name: string): Promise<vscode.NotebookDocument> {
    const notebook = await vscode.workspace.openNotebookDocument(writeNotebook(name, CELLS));
    await vscode.window.showNotebookDocument(notebook);
    return notebook;
  }

  test('a code cell gets a suggestion, with the earlier cells before it and the later ones after it', async () => {
    server.response = { text: "'sales.csv')" };
    const notebook = await open('report.ipynb');
    const doc = notebook.cellAt(2).document;
    assert.equal(doc.uri.scheme, 'vscode-notebook-cell');
    const items = await provide(api, doc, endOf(doc));
    assert.equal(items.map(insertTextOf).join(), "'sales.csv')");
    const body = server.completions.at(-1)?.body;
    assert.ok(body, 'no request reached the server');
    assert.equal(body.prompt, '# # Sales report\n# Load the data first.\n\nimport pandas as pd\n\ndf = pd.read_csv(');
    assert.equal(body.suffix, '\n\nprint(df.head())');
  });

  test('VS Code asks for ghost text in a cell editor that the user types in', async () => {
    server.response = { text: "'sales.csv')" };
    const notebook = await open('typed.ipynb');
    const editor = vscode.window.activeNotebookEditor;
    assert.ok(editor);
    editor.selections = [new vscode.NotebookRange(2, 3)];
    await vscode.commands.executeCommand('notebook.cell.edit');
    const doc = notebook.cellAt(2).document;
    await waitFor('the cell editor to be active', () => vscode.window.activeTextEditor?.document === doc);
    const cellEditor = vscode.window.activeTextEditor!;
    cellEditor.selection = new vscode.Selection(endOf(doc), endOf(doc));
    await vscode.commands.executeCommand('type', { text: ' ' });
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await waitFor('a completion request from the cell', () => server.completions.length > 0, 5_000);
    assert.match(server.completions[0]!.body.prompt, /import pandas as pd\n\ndf = pd\.read_csv\( $/);
  });

  test('markdown cells and notebooks that match an exclude pattern send nothing', async () => {
    const notebook = await open('notes.ipynb');
    const markdown = notebook.cellAt(0).document;
    assert.deepEqual(await provide(api, markdown, endOf(markdown)), []);
    const secret = await open('secrets.ipynb');
    const code = secret.cellAt(2).document;
    assert.deepEqual(await provide(api, code, endOf(code)), []);
    assert.equal(server.completions.length, 0, 'a request was sent');
  });

  test('Complete Selection inserts the answer after the selection inside a cell', async () => {
    server.response = { text: "'sales.csv')" };
    const notebook = await open('select.ipynb');
    const editor = vscode.window.activeNotebookEditor!;
    editor.selections = [new vscode.NotebookRange(2, 3)];
    await vscode.commands.executeCommand('notebook.cell.edit');
    const doc = notebook.cellAt(2).document;
    await waitFor('the cell editor to be active', () => vscode.window.activeTextEditor?.document === doc);
    vscode.window.activeTextEditor!.selection = new vscode.Selection(0, 0, 0, doc.lineAt(0).text.length);
    await vscode.commands.executeCommand('ghostComplete.completeSelection');
    assert.equal(doc.getText(), "df = pd.read_csv('sales.csv')");
    assert.equal(notebook.cellAt(3).document.getText(), 'print(df.head())', 'another cell was edited');
  });
});
