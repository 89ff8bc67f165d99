// Browser tests for faults a new user met in their first hour: a rejected key saved anyway,
// Alt+\ ignored while a suggestion shows, and the enable switches disagreeing with each other.
// browser.spec.mjs runs them at their place in its sequence (they need the key it sets).
import assert from 'node:assert/strict';
import { sleep, waitFor } from '../lib/util.mjs';
import { DEBOUNCE_MS, completionAfter, open, typeText } from '../lib/userActions.mjs';
import { STATUS_SELECTOR } from '../lib/workbench.mjs';


/** Files in the workspace folder these tests use. */
export const FIRST_HOUR_FILES = {
  'again.py': '',
  'switch.py': 'x = 1\n',
};


const MENU_ROW = '.quick-input-widget .quick-input-list .monaco-list-row';

/** Opens the status bar menu and returns the labels of its rows. */
async function menuRows(page, wb) {
  await page.locator(`#workbench\\.parts\\.statusbar ${STATUS_SELECTOR}`).first().click();
  await page.locator(MENU_ROW).first().waitFor({ state: 'visible', timeout: 10_000 });
  await sleep(100);
  const rows = await page.locator(MENU_ROW).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
  await wb.escape();
  await wb.waitQuickInput(false);
  return rows;
}

/** Clicks the status bar item, then the menu row containing `text`. */
async function pickFromMenu(page, wb, text) {
  await page.locator(`#workbench\\.parts\\.statusbar ${STATUS_SELECTOR}`).first().click();
  const row = page.locator(MENU_ROW, { hasText: text });
  await row.first().waitFor({ state: 'visible', timeout: 10_000 });
  await row.first().click();
  await wb.waitQuickInput(false);
}

/** ghostComplete.enable as the user's settings.json holds it: global and for [python]. */
function enableSettings(userSettings) {
  const s = userSettings();
  return { global: s['ghostComplete.enable'], python: s['[python]']?.['ghostComplete.enable'] };
}

/** Runs before the right key is set. */
export const rejectedKeyTest = {
    name: 'Set API Key with a key the server rejects: the box stays open with the reason, nothing is saved',
    async fn({ page, wb, fake }) {
      const wrong = 'sk-e2e-wrong-key-000';
      fake.rejectKey(wrong, 'Incorrect API key provided: sk-e2e***000.');
      await wb.runCommand('Ghost Complete: Set API Key');
      const input = page.locator('.quick-input-widget .quick-input-box input[type="password"]');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.type(wrong, { delay: 5 });
      await page.keyboard.press('Enter');
      const message = page.locator('.quick-input-widget .quick-input-message');
      await waitFor('the rejection in the input box', async () => /Incorrect API key provided/.test((await message.textContent()) ?? ''), { timeout: 10_000 });
      assert.ok(await wb.quickInputVisible(), 'the input box closed on a rejected key');
      assert.match(await wb.statusLabel(), /^Ghost Complete: no API key/, 'the status changed after a rejected key');
      await wb.escape();
      await wb.waitQuickInput(false);
      await sleep(300);
      assert.match(await wb.statusLabel(), /^Ghost Complete: no API key/, 'the rejected key was saved');
    },
  };

/** Run after the 401 test, with the key set. */
export const firstHourTests = [
  {
    name: 'Alt+\\ while an automatic suggestion is showing asks again, for alternatives (n: 3)',
    async fn({ page, wb, fake }) {
      const alternatives = ['return a * b', 'return b * a', 'return mul(a, b)'];
      fake.respondWith((r) => (r.body?.n === 3 ? { choices: alternatives, chunkSize: 4 } : { text: 'return a*b', chunkSize: 4 }));
      await open(wb, 'again.py');
      await typeText(page, 'def mul2(a, b):');
      await page.keyboard.press('Enter');
      await wb.waitGhostText((g) => g === 'return a*b', 'the automatic suggestion', 15_000);
      await waitFor('the stream to end', () => fake.completions.at(-1).finished, { timeout: 10_000 });
      const from = fake.requests.length;
      await page.keyboard.press('Alt+Backslash');
      const request = await completionAfter(fake, from, 5_000).catch(() => {
        throw new Error('Alt+\\ sent no request while a suggestion was showing');
      });
      assert.equal(request.body.n, 3, `n sent: ${JSON.stringify(request.body.n)}`);
      await wb.waitGhostText((g) => alternatives.includes(g), 'one of the alternatives as ghost text', 10_000);
      await wb.runCommand('File: Revert File');
      await waitFor('reverted', async () => !(await wb.dirty()), { timeout: 5_000 });
    },
  },
  {
    name: 'the menu switches: Disable for Python, Enable for Python, Disable, Enable; settings.json, status bar and menu agree',
    async fn({ page, wb, fake, userSettings }) {
      await open(wb, 'switch.py');
      await wb.waitForStatus(/^Ghost Complete: ready/, 10_000);
      let rows = await menuRows(page, wb);
      assert.ok(rows.some((r) => r.includes('Disable for Python')), `menu rows: ${JSON.stringify(rows)}`);

      await pickFromMenu(page, wb, 'Disable for Python');
      await wb.waitForStatus(/^Ghost Complete: disabled for Python$/, 10_000);
      await waitFor('[python] enable: false in settings.json', () => enableSettings(userSettings).python === false, { timeout: 5_000 });

      await pickFromMenu(page, wb, 'Enable for Python');
      await wb.waitForStatus(/^Ghost Complete: ready/, 10_000);
      await waitFor('no [python] enable in settings.json', () => enableSettings(userSettings).python === undefined, { timeout: 5_000 });

      await pickFromMenu(page, wb, 'Disable Ghost Complete');
      await wb.waitForStatus(/^Ghost Complete: disabled$/, 10_000);
      await waitFor('enable: false in settings.json', () => enableSettings(userSettings).global === false, { timeout: 5_000 });
      assert.deepEqual(enableSettings(userSettings), { global: false, python: undefined });
      rows = await menuRows(page, wb);
      assert.ok(rows.some((r) => r.includes('Enable Ghost Complete')), `menu rows: ${JSON.stringify(rows)}`);
      assert.ok(!rows.some((r) => r.includes('Disable for Python')), `the menu offers Disable for Python while off: ${JSON.stringify(rows)}`);
      // Typing in a Python file asks nothing now.
      const from = fake.requests.length;
      await page.keyboard.press('Control+End');
      await typeText(page, 'def f():');
      await page.keyboard.press('Enter');
      await sleep(DEBOUNCE_MS + 700);
      assert.equal(fake.completions.filter((r) => r.n > from).length, 0, 'a request while disabled');

      await pickFromMenu(page, wb, 'Enable Ghost Complete');
      await wb.waitForStatus(/^Ghost Complete: ready/, 10_000);
      await waitFor('no enable in settings.json', () => enableSettings(userSettings).global === undefined, { timeout: 5_000 });
      await wb.runCommand('File: Revert File');
      await waitFor('reverted', async () => !(await wb.dirty()), { timeout: 5_000 });
    },
  },
];
