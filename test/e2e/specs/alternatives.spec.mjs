// Browser tests: alternatives. An explicit request (Alt+\ or the palette's trigger) asks for
// several answers at once (n: 3); Alt+] cycles through them without another request.
import assert from 'node:assert/strict';
import { waitFor } from '../lib/util.mjs';
import { completionAfter, open } from '../lib/userActions.mjs';

export const ALTERNATIVES_FILES = {
  'alt.py': 'import math\n\n',
  'cycle.py': 'import math\nimport os\n\n',
};

export const alternativesTests = [
  {
    name: 'Alt+\\ on an empty line asks for a suggestion at once, with alternatives (n: 3)',
    async fn({ page, wb, fake }) {
      const alternatives = ['print(math.tau)', 'y = math.cos(0)', 'print(math.inf)'];
      fake.respondWith({ choices: alternatives, chunkSize: 4 });
      await open(wb, 'alt.py');
      await page.keyboard.press('Control+End');
      const from = fake.requests.length;
      await page.keyboard.press('Alt+Backslash');
      const request = await completionAfter(fake, from, 5_000).catch(() => {
        throw new Error('Alt+\\ sent no request: VS Code 1.139 binds no key to editor.action.inlineSuggest.trigger by default, '
          + 'so Ghost Complete must contribute the Alt+\\ keybinding itself (package.json contributes.keybindings)');
      });
      assert.equal(request.body.n, 3, `n sent: ${JSON.stringify(request.body.n)}`);
      await wb.waitGhostText((g) => alternatives.includes(g), 'one of the alternatives as ghost text', 10_000);
      await wb.escape();
      await waitFor('the ghost text to go', async () => (await wb.ghostText()) === '', { timeout: 5_000 });
      assert.ok(!(await wb.dirty()), 'the file changed');
    },
  },
  {
    name: 'an explicit trigger on an empty line asks for n: 3; Alt+] shows another alternative; Tab inserts the shown one',
    async fn({ page, wb, fake, readFile }) {
      const alternatives = ['print(math.pi)', 'x = math.sqrt(2)', 'print(os.sep)'];
      fake.respondWith({ choices: alternatives, chunkSize: 4 });
      // Not alt.py: the answer to Alt+\ there is cached for that place.
      await open(wb, 'cycle.py');
      await page.keyboard.press('Control+End');
      const from = fake.requests.length;
      await wb.runCommand('Trigger Inline Suggestion');
      const request = await completionAfter(fake, from);
      assert.equal(request.body.n, 3, `n sent: ${JSON.stringify(request.body.n)}`);
      assert.ok(String(request.body.prompt).endsWith('import math\nimport os\n\n'), `prompt ${JSON.stringify(request.body.prompt)}`);
      await wb.waitGhostText((g) => alternatives.includes(g), 'one of the alternatives as ghost text', 15_000);
      await waitFor('the stream to end', () => request.finished, { timeout: 10_000 });
      // The extension may re-show a finished suggestion once; let the ghost text settle.
      const first = await waitForStableGhost(wb, (g) => alternatives.includes(g), 'one of the alternatives');

      await page.keyboard.press('Alt+BracketRight');
      const second = await wb.waitGhostText((g) => alternatives.includes(g) && g !== first, `another alternative than ${JSON.stringify(first)}`, 5_000);
      await page.keyboard.press('Tab');
      await waitFor('the shown alternative in the buffer', async () => (await wb.editorText())?.includes(second), { timeout: 5_000 });
      await wb.save();
      assert.equal(readFile('cycle.py'), `import math\nimport os\n\n${second}`);
      assert.equal(fake.completions.filter((r) => r.n > from).length, 1, 'cycling through the alternatives sent another request');
    },
  },
];

/** Waits until the ghost text matches `predicate` and stays the same for `stableMs`; returns it. */
async function waitForStableGhost(wb, predicate, what, stableMs = 300) {
  let last;
  let since = Date.now();
  return waitFor(`ghost text to settle on ${what} (last ${JSON.stringify(last)})`, async () => {
    const g = await wb.ghostText();
    if (g !== last || !predicate(g)) {
      last = g;
      since = Date.now();
      return undefined;
    }
    return Date.now() - since >= stableMs ? g : undefined;
  }, { timeout: 5_000, interval: 25 });
}
