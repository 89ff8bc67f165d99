// Headless Debian Chromium driven by playwright-core.
import fs from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const live = new Set();

export async function launchBrowser({ profileDir, env }) {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: run test/e2e/install.sh (apt package chromium)`);
  fs.mkdirSync(profileDir, { recursive: true });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    env,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--disable-features=Translate,MediaRouter,OptimizationHints',
      '--password-store=basic',
    ],
    timeout: 60_000,
  });
  live.add(context);
  context.on('close', () => live.delete(context));
  return context;
}

export async function closeAllBrowsers() {
  await Promise.all([...live].map((c) => c.close().catch(() => {})));
}
