// What the browser tests do as a user would, shared by every spec file.
import { sleep } from './util.mjs';

/** The debounce the extension uses by default (ghostComplete.debounceMs). */
export const DEBOUNCE_MS = 100;

/** Types like a user (a few ms between keys) into the focused editor. */
export async function typeText(page, text) {
  await page.keyboard.type(text, { delay: 15 });
}

/** The first completion request at index >= from. */
export function completionAfter(fake, from, timeout = 15_000) {
  return fake.waitForRequest((r) => r.path === '/v1/completions', timeout, from);
}

/** Opens a workspace file and gives the editor a moment before typing. */
export async function open(wb, name) {
  await wb.clearNotifications();
  await wb.openFile(name);
  await sleep(300);
}

/**
 * Selects the second line with the keyboard and runs Complete Selection from the command
 * palette; resolves with the completion request it sent.
 */
export async function completeSecondLine(page, wb, fake) {
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  const from = fake.requests.length;
  await wb.runCommand('Ghost Complete: Complete Selection');
  return completionAfter(fake, from);
}
