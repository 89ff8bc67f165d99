// Page helpers for driving the VS Code web workbench like a user: command palette, quick
// open, typing, reading ghost text and the status bar. Selectors are those of VS Code 1.139.
import { sleep, waitFor } from './util.mjs';

export const STATUS_SELECTOR = '[aria-label^="Ghost Complete:"]';

export class Workbench {
  constructor(page) {
    this.page = page;
  }

  async waitReady(timeout = 60_000) {
    const { page } = this;
    await page.waitForSelector('.monaco-workbench', { timeout });
    // The smoke-test driver (enable-smoke-test-driver) says when the workbench is restored.
    await page.waitForFunction(() => !!window.driver, null, { timeout });
    await page.evaluate(() => window.driver.whenWorkbenchRestored());
  }

  /** The Ghost Complete status bar item's accessibility label, or undefined. */
  async statusLabel() {
    return this.page.evaluate((sel) => {
      const el = document.querySelector(`#workbench\\.parts\\.statusbar ${sel}`) ?? document.querySelector(sel);
      return el ? el.getAttribute('aria-label') : undefined;
    }, STATUS_SELECTOR);
  }

  async waitForStatus(re, timeout = 15_000) {
    let last;
    try {
      return await waitFor(`status bar label ${re}`, async () => {
        last = await this.statusLabel();
        return last && re.test(last) ? last : undefined;
      }, { timeout, interval: 50 });
    } catch (err) {
      err.message += ` (last label: ${JSON.stringify(last)})`;
      throw err;
    }
  }

  async quickInputVisible() {
    return this.page.locator('.quick-input-widget').isVisible();
  }

  async waitQuickInput(visible = true, timeout = 10_000) {
    await this.page.locator('.quick-input-widget').waitFor({ state: visible ? 'visible' : 'hidden', timeout });
  }

  /** Closes whatever quick input, suggest widget or notification toast has focus. */
  async escape(times = 1) {
    for (let i = 0; i < times; i++) {
      await this.page.keyboard.press('Escape');
      await sleep(50);
    }
  }

  /**
   * F1, type the command's title, wait until the first row is that command, Enter.
   * Exactly what a user does; fails with the rows seen when the command is missing.
   */
  async runCommand(title) {
    const { page } = this;
    if (await this.quickInputVisible()) await this.escape();
    await page.keyboard.press('F1');
    await this.waitQuickInput(true);
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill(`>${title}`);
    let rows = [];
    try {
      await waitFor(`command palette row "${title}"`, async () => {
        rows = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').evaluateAll((els) =>
          els.map((e) => ({ label: e.getAttribute('aria-label') ?? e.textContent ?? '', focused: e.classList.contains('focused') })),
        );
        const first = rows[0];
        return first && first.label.toLowerCase().includes(title.toLowerCase()) ? true : undefined;
      }, { timeout: 10_000, interval: 50 });
    } catch (err) {
      err.message += `; rows: ${JSON.stringify(rows.map((r) => r.label).slice(0, 5))}`;
      throw err;
    }
    await page.keyboard.press('Enter');
  }

  /** Quick Open (file picker) through the palette: F1, replace ">" by the file name, Enter. */
  async openFile(name) {
    const { page } = this;
    if (await this.quickInputVisible()) await this.escape();
    await page.keyboard.press('F1');
    await this.waitQuickInput(true);
    await page.locator('.quick-input-widget .quick-input-box input').fill(name);
    await waitFor(`quick open row ${name}`, async () => {
      const labels = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').evaluateAll((els) =>
        els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''),
      );
      return labels[0]?.includes(name) ? true : undefined;
    }, { timeout: 10_000 });
    await page.keyboard.press('Enter');
    await this.waitQuickInput(false);
    await this.waitActiveEditor(name);
  }

  async waitActiveEditor(name, timeout = 10_000) {
    const { page } = this;
    await waitFor(`editor tab ${name} active`, async () =>
      page.evaluate((n) => {
        const tab = document.querySelector('.tabs-container .tab.active');
        return !!tab && (tab.getAttribute('aria-label') ?? tab.textContent ?? '').includes(n);
      }, name), { timeout });
    await waitFor('editor focus', () => this.editorFocused(), { timeout });
  }

  async editorFocused() {
    return this.page.evaluate(() => {
      const ed = document.querySelector('.editor-instance .monaco-editor');
      return !!ed && ed.classList.contains('focused');
    });
  }

  async focusEditor() {
    if (await this.editorFocused()) return;
    await this.escape();
    if (await this.editorFocused()) return;
    // Focus without moving the cursor: the command that focuses the active editor group.
    await this.runCommand('View: Focus Active Editor Group');
    await waitFor('editor focus', () => this.editorFocused(), { timeout: 5_000 });
  }

  /**
   * The ghost text currently shown: the inline part (.ghost-text-decoration spans after the
   * cursor) and the further lines (.ghost-text spans in the preview view zone, one .view-line
   * each), joined by "\n". '' when none is visible.
   */
  async ghostText() {
    return this.page.evaluate(() => {
      const editor = document.querySelector('.editor-instance .monaco-editor');
      if (!editor) return '';
      const clean = (s) => s.replace(/\u00a0/g, ' ');
      const inline = [...editor.querySelectorAll('.view-lines .ghost-text-decoration')].map((e) => clean(e.textContent ?? '')).join('');
      const lineNodes = [];
      for (const span of editor.querySelectorAll('span.ghost-text:not(.ghost-text-decoration)')) {
        const line = span.closest('.view-line');
        if (line && !lineNodes.includes(line)) lineNodes.push(line);
      }
      const lines = lineNodes.map((line) => clean([...line.querySelectorAll('span.ghost-text')].map((s) => s.textContent ?? '').join('')));
      if (!inline && lines.length === 0) return '';
      return [inline, ...lines].join('\n');
    });
  }

  async waitGhostText(predicate, what, timeout = 15_000) {
    let last = '';
    try {
      return await waitFor(what, async () => {
        last = await this.ghostText();
        return predicate(last) ? last : undefined;
      }, { timeout, interval: 25 });
    } catch (err) {
      err.message += ` (last ghost text: ${JSON.stringify(last)})`;
      throw err;
    }
  }

  /** The visible lines of the active editor without ghost text (small files fit entirely). */
  async editorText() {
    return this.page.evaluate(() => {
      const editor = document.querySelector('.editor-instance .monaco-editor');
      if (!editor) return undefined;
      const rows = [...editor.querySelectorAll('.view-lines .view-line')].map((e) => {
        const copy = e.cloneNode(true);
        for (const g of copy.querySelectorAll('.ghost-text-decoration, .ghost-text, .ghost-text-decoration-preview')) g.remove();
        return { top: parseFloat(e.style.top || '0'), text: (copy.textContent ?? '').replace(/\u00a0/g, ' ') };
      });
      rows.sort((a, b) => a.top - b.top);
      return rows.map((r) => r.text).join('\n');
    });
  }

  async dirty() {
    return this.page.evaluate(() => !!document.querySelector('.tabs-container .tab.active.dirty'));
  }

  async save() {
    await this.page.keyboard.press('Control+S');
    await waitFor('editor saved (not dirty)', async () => !(await this.dirty()), { timeout: 10_000 });
  }

  /** Closes every notification toast (they can cover the editor and take focus). */
  async clearNotifications() {
    await this.page.evaluate(() => {
      for (const b of document.querySelectorAll('.notifications-toasts .codicon-notifications-clear, .notification-toast .action-label.codicon-close')) {
        b.click();
      }
    });
  }
}
