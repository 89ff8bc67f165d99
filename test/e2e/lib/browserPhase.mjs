// Phase b: Playwright drives the code-server workbench like a user, with the packaged
// extension (ghost-complete.vsix) installed and a loopback fake OpenAI server behind it.
// A tiny sequential harness: every test gets a timeout, a screenshot and log tails on failure.
import fs from 'node:fs';
import path from 'node:path';
import { startFakeServer } from '../fakeServer.mjs';
import { browserTests, WORKSPACE_FILES } from '../specs/browser.spec.mjs';
import { launchBrowser } from './browser.mjs';
import { CodeServer, installExtension } from './codeServer.mjs';
import { REPO_ROOT, findFiles, log, mkdirp, sleep, tail, withTimeout } from './util.mjs';
import { Workbench } from './workbench.mjs';

const TEST_TIMEOUT_MS = 60_000;

export async function runBrowserPhase({ runDir, env, artifactsDir, grep = '' }) {
  const dir = mkdirp(runDir, 'browser');
  const userDataDir = mkdirp(dir, 'user-data');
  const extensionsDir = mkdirp(dir, 'extensions');
  const workspace = mkdirp(dir, 'workspace');
  const logFile = path.join(dir, 'code-server.log');
  const fakeLog = fs.createWriteStream(path.join(dir, 'fake-server.log'));
  const fake = await startFakeServer({ log: (m) => fakeLog.write(`${new Date().toISOString()} ${m}\n`) });

  for (const [name, content] of Object.entries(WORKSPACE_FILES)) fs.writeFileSync(path.join(workspace, name), content);
  mkdirp(userDataDir, 'User');
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(userSettings(fake.baseUrl), null, 2));

  let t = Date.now();
  installExtension({ vsix: path.join(REPO_ROOT, 'ghost-complete.vsix'), env, userDataDir, extensionsDir, logFile });
  log(`browser: installed ghost-complete.vsix in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  const cs = await CodeServer.start({ name: 'browser', env, userDataDir, extensionsDir, logFile });
  const context = await launchBrowser({ profileDir: path.join(dir, 'chromium'), env });
  const results = { passed: 0, failed: 0 };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const consoleLog = fs.createWriteStream(path.join(dir, 'browser-console.log'));
    page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.stack || e}\n`));
    const wb = new Workbench(page);
    t = Date.now();
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' });
    await wb.waitReady();
    log(`browser: workbench restored in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    const ctx = {
      page, wb, fake, workspace,
      readFile: (name) => fs.readFileSync(path.join(workspace, name), 'utf8'),
      /** The user's settings.json as VS Code wrote it, parsed. */
      userSettings: () => JSON.parse(fs.readFileSync(path.join(userDataDir, 'User', 'settings.json'), 'utf8')),
      /** The extension's "Ghost Complete" log files (one per extension host session). */
      extensionLogs: () => findFiles(path.join(userDataDir, 'logs'), /^Ghost Complete\.log$/),
    };
    let index = 0;
    for (const test of browserTests) {
      index++;
      if (grep && !test.name.includes(grep)) continue;
      const started = Date.now();
      fake.reset();
      try {
        await withTimeout(test.fn(ctx), test.timeout ?? TEST_TIMEOUT_MS, test.name);
        results.passed++;
        console.log(`  ✔ ${test.name} (${Date.now() - started} ms)`);
      } catch (err) {
        results.failed++;
        console.log(`  ✘ ${test.name} (${Date.now() - started} ms)\n      ${String(err.stack || err).split('\n').join('\n      ')}`);
        const shot = path.join(mkdirp(artifactsDir), `${String(index).padStart(2, '0')}-${slug(test.name)}.png`);
        await page.screenshot({ path: shot }).catch(() => {});
        console.log(`      screenshot: ${path.relative(REPO_ROOT, shot)}`);
        console.log(`      status bar: ${JSON.stringify(await wb.statusLabel().catch(() => undefined))}`);
        console.log(`      requests: ${JSON.stringify(fake.requests.slice(-5).map((r) => ({ path: r.path, auth: r.headers.authorization ? 'Bearer …' : undefined, prompt: r.body?.prompt })))}`);
        printTails(dir);
        fs.writeFileSync(path.join(artifactsDir, `${String(index).padStart(2, '0')}-${slug(test.name)}.txt`),
          `${err.stack || err}\n\n-- code-server log\n${tail(logFile, 80)}\n`);
        // Leave a clean slate for the next test.
        await wb.escape(3).catch(() => {});
        await wb.clearNotifications().catch(() => {});
        if (test.stopOnFailure) {
          console.log('      (later tests depend on this one: stopping phase b)');
          results.failed += browserTests.length - index;
          break;
        }
      }
      await sleep(100);
    }
  } finally {
    await context.close().catch(() => {});
    await cs.stop();
    await fake.close();
    fakeLog.end();
  }
  return results;
}

function userSettings(baseUrl) {
  return {
    'ghostComplete.baseUrl': baseUrl,
    // Nothing else may take Enter/Tab or change what is typed.
    'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
    'editor.suggestOnTriggerCharacters': false,
    'editor.wordBasedSuggestions': 'off',
    'editor.parameterHints.enabled': false,
    'editor.acceptSuggestionOnEnter': 'off',
    'editor.autoClosingBrackets': 'never',
    'editor.autoClosingQuotes': 'never',
    'editor.autoSurround': 'never',
    'editor.formatOnType': false,
    'editor.inlineSuggest.enabled': true,
    'editor.hover.enabled': false,
    'editor.minimap.enabled': false,
    'files.autoSave': 'off',
    'files.insertFinalNewline': false,
    'files.trimTrailingWhitespace': false,
    'files.hotExit': 'off',
    // A quiet workbench.
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    'security.workspace.trust.enabled': false,
    'window.confirmBeforeClose': 'never',
  };
}

function printTails(dir) {
  console.log(`      ---- code-server log tail\n${indent(tail(path.join(dir, 'code-server.log'), 15))}`);
  for (const f of findFiles(path.join(dir, 'user-data', 'logs'), /^Ghost Complete\.log$/)) {
    console.log(`      ---- extension log tail (${path.relative(REPO_ROOT, f)})\n${indent(tail(f, 15))}`);
  }
  console.log(`      ---- fake server log tail\n${indent(tail(path.join(dir, 'fake-server.log'), 8))}`);
}

const indent = (s) => s.split('\n').map((l) => `      | ${l}`).join('\n');
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
