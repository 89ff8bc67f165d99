// Browser test: a Jupyter notebook in the real workbench (VS Code's built-in .ipynb support, no
// kernel). A user puts the cursor at the end of a code cell and asks with Alt+\; the ghost text
// appears in that cell, and the request's prompt holds the earlier cells.
import assert from 'node:assert/strict';
import { sleep, waitFor } from '../lib/util.mjs';

const cell = (type, source) => ({
  cell_type: type,
  metadata: {},
  source: source.split(/(?<=\n)/),
  ...(type === 'code' ? { execution_count: null, outputs: [] } : {}),
});

export const NOTEBOOK_FILES = {
  'report.ipynb': JSON.stringify({
    cells: [
      cell('markdown', '# Sales report'),
      cell('code', 'import pandas as pd'),
      cell('code', 'df = pd.read_csv('),
      cell('code', 'print(df.head())'),
    ],
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' }, language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  }, null, 1),
};

/** Cell editors live in the notebook overlay, outside the text editor part (see the notes on notebooks). */
const CELL_EDITORS = '.notebook-editor .cell-editor-container .monaco-editor';

async function cellGhostText(page) {
  return page.evaluate(() => {
    const focused = document.querySelector('.notebook-editor .cell-editor-container .monaco-editor.focused');
    if (!focused) return '';
    return [...focused.querySelectorAll('.ghost-text-decoration, span.ghost-text')].map((e) => (e.textContent ?? '').replace(/\u00a0/g, ' ')).join('');
  });
}

async function setKey(page, wb) {
  await wb.runCommand('Ghost Complete: Set API Key');
  await page.locator('.quick-input-widget .quick-input-box input[type="password"]').waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.type('sk-e2e-notebook-3c1d', { delay: 5 });
  await page.keyboard.press('Enter');
  await wb.waitForStatus(/^Ghost Complete: ready/, 15_000);
}

export const notebookTests = [
  {
    name: 'a notebook code cell shows ghost text on Alt+\\, and the prompt holds the earlier cells',
    async fn({ page, wb, fake }) {
      fake.respondWith({ text: "'sales.csv')" });
      await wb.clearNotifications();
      // Run alone (--grep), no earlier test has set a key.
      // (It may say "ready" for a moment while the extension looks for a stored key.)
      await wb.waitForStatus(/^Ghost Complete: /, 30_000);
      await sleep(1_500);
      if (/no API key/.test((await wb.statusLabel()) ?? '')) await setKey(page, wb);
      await page.keyboard.press('F1');
      await wb.waitQuickInput(true);
      await page.locator('.quick-input-widget .quick-input-box input').fill('report.ipynb');
      const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'report.ipynb' }).first();
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      await row.click();
      await wb.waitQuickInput(false);
      const editors = page.locator(CELL_EDITORS);
      await waitFor('three code cell editors', async () => (await editors.count()) >= 3, { timeout: 15_000 });
      // The second code cell: "df = pd.read_csv(".
      await editors.nth(1).locator('.view-lines').click();
      await page.keyboard.press('End');
      await sleep(300);
      const from = fake.requests.length;
      await page.keyboard.press('Alt+Backslash');
      const request = await fake.waitForRequest((r) => r.path === '/v1/completions', 15_000, from);
      assert.equal(request.body.prompt, '# # Sales report\n\nimport pandas as pd\n\ndf = pd.read_csv(');
      assert.equal(request.body.suffix, '\n\nprint(df.head())');
      const ghost = await waitFor('ghost text in the cell', async () => {
        const g = await cellGhostText(page);
        return g.includes("'sales.csv')") ? g : undefined;
      }, { timeout: 10_000 });
      assert.ok(ghost.includes("'sales.csv')"), ghost);
      await wb.escape();
      await wb.runCommand('View: Revert and Close Editor');
    },
  },
];
