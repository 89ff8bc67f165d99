// Browser tests: Cancel on Complete Selection's progress notification. What streamed so far
// stays only as whole words, the server sees the disconnect, and the notice that follows lets
// the user keep the text or discard it.
import assert from 'node:assert/strict';
import { waitFor } from '../lib/util.mjs';
import { completeSecondLine, open } from '../lib/userActions.mjs';

const ORIGINAL = '# multiply\ndef mul(a, b):\n\nprint(mul(2, 3))\n';
const SELECTED = 'def mul(a, b):';

export const CANCEL_FILES = { 'cancel_keep.py': ORIGINAL, 'cancel_discard.py': ORIGINAL };

/**
 * The button `label` on the notification that shows `text`, in the notification center (the
 * smoke-test driver the harness runs VS Code with shows no toasts; the center lists them all).
 */
async function notificationButton(page, wb, text, label) {
  if (!(await page.locator('.notifications-center').isVisible())) await wb.runCommand('Notifications: Show Notifications');
  const item = page.locator('.notifications-center .notification-list-item', { hasText: text });
  const button = item.locator('.monaco-button', { hasText: label }).first();
  await button.waitFor({ state: 'visible', timeout: 10_000 });
  return button;
}

export const cancelTests = ['Keep', 'Discard'].map((choice) => ({
  name: `Complete Selection: Cancel mid-stream keeps whole words and closes the stream; "${choice}" ${choice === 'Keep' ? 'keeps them' : 'takes them out'}`,
  async fn({ page, wb, fake, readFile }) {
    const file = `cancel_${choice.toLowerCase()}.py`;
    // A long last word streamed slowly: Cancel lands inside it.
    fake.respondWith({ text: ' total = a * b  # multiplied_together_for_the_caller_of_this_function', chunkSize: 3, delayMs: 200 });
    await open(wb, file);
    const request = await completeSecondLine(page, wb, fake);
    // The Cancel button found first, so that the click lands soon after the half word shows.
    const cancel = await notificationButton(page, wb, 'completing', 'Cancel');
    const line2 = async () => (await wb.editorText())?.split('\n')[1];
    await waitFor('part of the last word in the buffer', async () => (await line2())?.includes('# multipl'), { timeout: 10_000 });
    await cancel.click();
    await waitFor('the server to see the disconnect', () => request.aborted, { timeout: 5_000 });
    const decide = await notificationButton(page, wb, 'completion cancelled', choice);
    // Whole words only: the half-written last word is gone, the words before it stay.
    const kept = `${SELECTED} total = a * b  #`;
    let line;
    await waitFor('the half word taken out', async () => (line = await line2()) === kept, { timeout: 5_000 })
      .catch((err) => assert.fail(`${err.message}; line 2 reads ${JSON.stringify(line)}, expected ${JSON.stringify(kept)}`));

    await decide.click();
    if (choice === 'Discard') {
      await waitFor('the answer taken out', async () => !(await line2())?.includes('total = a'), { timeout: 5_000 });
    }
    await wb.runCommand('Notifications: Hide Notifications');
    await wb.focusEditor();
    await wb.save();
    const saved = readFile(file);
    if (choice === 'Discard') assert.equal(saved, ORIGINAL, 'Discard left text behind');
    else assert.equal(saved, ORIGINAL.replace(SELECTED, kept), 'Keep did not keep the whole words');
  },
}));
