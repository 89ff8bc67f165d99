// A promise rejected with nobody listening is a silent failure in the extension host: the
// user sees nothing, the feature just stops. mocha only logs them, so these root hooks make
// any unhandled rejection fail the run, naming the test during which it happened.
// Used by the unit layer (.mocharc.json "require") and the integration suite (rootHooks).

import type { Context } from 'mocha';

const seen: unknown[] = [];
const blamed: string[] = [];
let listening = false;

function onRejection(reason: unknown): void {
  seen.push(reason);
}

function describe(reason: unknown): string {
  return reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
}

export const mochaHooks = {
  beforeAll(): void {
    if (listening) return;
    listening = true;
    process.on('unhandledRejection', onRejection);
  },
  afterEach(this: Context): void {
    if (seen.length === 0) return;
    const title = this.currentTest?.fullTitle() ?? 'a test';
    blamed.push(...seen.splice(0).map((r) => `during "${title}": ${describe(r)}`));
  },
  async afterAll(): Promise<void> {
    // Rejections settle on later ticks: give the last test's a chance to surface.
    await new Promise((resolve) => setTimeout(resolve, 50));
    blamed.push(...seen.splice(0).map((r) => `after the last test: ${describe(r)}`));
    process.off('unhandledRejection', onRejection);
    listening = false;
    if (blamed.length > 0) {
      throw new Error(`Unhandled promise rejection(s):\n  ${blamed.splice(0).join('\n  ')}`);
    }
  },
};
