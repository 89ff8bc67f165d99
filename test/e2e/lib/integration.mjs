// Phase a: the mocha integration suite (out/test/integration/index.js) inside the real
// extension host of code-server, loaded through the workbench URL `payload`
// (extensionDevelopmentPath + extensionTestsPath), which code-server honours with
// `--vscode-option enable-smoke-test-driver`. The page's codeAutomationLog receives the
// workbench/extension-host log, codeAutomationExit the exit code of the test run.
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './browser.mjs';
import { CodeServer } from './codeServer.mjs';
import { REPO_ROOT, log, mkdirp, withTimeout } from './util.mjs';

/**
 * `restricted: true` runs only the Restricted Mode suite, with workspace trust on and a folder
 * that was never trusted, whose .vscode/settings.json tries to take over the extension.
 */
export async function runIntegrationPhase({ runDir, env, artifactsDir, timeoutMs = 180_000, verbose = false, restricted = false }) {
  const name = restricted ? 'restricted' : 'integration';
  const dir = mkdirp(runDir, name);
  const userDataDir = mkdirp(dir, 'user-data');
  mkdirp(userDataDir, 'User');
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'telemetry.telemetryLevel': 'off',
    'chat.disableAIFeatures': true,
    'security.workspace.trust.enabled': restricted,
    // Open the untrusted folder in Restricted Mode without the modal trust question.
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'never',
  }, null, 2));
  const workspace = mkdirp(dir, 'workspace');
  if (restricted) writeHostileWorkspace(workspace);
  const logFile = path.join(dir, 'code-server.log');
  const testsPath = path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');

  const phaseEnv = restricted ? { ...env, GHOST_COMPLETE_RESTRICTED_RUN: '1', GHOST_COMPLETE_TEST_GREP: 'Restricted Mode' } : env;
  const cs = await CodeServer.start({ name, env: phaseEnv, userDataDir, extensionsDir: mkdirp(dir, 'extensions'), logFile, trust: restricted });
  const context = await launchBrowser({ profileDir: path.join(dir, 'chromium'), env: phaseEnv });
  const transcript = fs.createWriteStream(path.join(dir, 'automation.log'));
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const counts = { passing: 0, failing: 0, pending: 0 };
    let lastBlank = false;
    let onExit;
    const exited = new Promise((resolve) => { onExit = resolve; });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = Array.isArray(args) ? args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') : String(args);
      transcript.write(`[${type}] ${text}\n`);
      for (const line of text.split('\n')) {
        if (line.includes(TEST_LINE_TAG)) {
          const out = line.slice(line.indexOf(TEST_LINE_TAG) + TEST_LINE_TAG.length);
          const m = /^\s*(\d+) (passing|failing|pending)\b/.exec(out);
          if (m) counts[m[2]] = Number(m[1]);
          if (out.trim() || !lastBlank) process.stdout.write(`  │ ${out}\n`);
          lastBlank = !out.trim();
        }
        else if (verbose) process.stdout.write(`  · ${line}\n`);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      onExit({ code, logs });
    });
    page.on('pageerror', (err) => transcript.write(`[pageerror] ${err.stack || err}\n`));

    const authority = new URL(cs.url).host;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${REPO_ROOT}`],
      ['extensionTestsPath', `vscode-remote://${authority}${testsPath}`],
    ];
    const url = `${cs.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    log(`${name}: opening the workbench with the test payload (timeout ${timeoutMs / 1000} s)`);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    let result;
    try {
      result = await withTimeout(exited, timeoutMs, 'integration suite');
    } catch (err) {
      const shot = path.join(artifactsDir, `${name}-timeout.png`);
      await page.screenshot({ path: shot }).catch(() => {});
      log(`${name}: ${err.message}; screenshot ${shot}`);
      return { ok: false, code: -1, logFile, dir, counts };
    }
    // Keep the logs VS Code hands over (extension host, window, server) with the run.
    for (const entry of result.logs ?? []) {
      const target = path.join(dir, 'vscode-logs', entry.relativePath);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, entry.contents);
    }
    log(`${name}: extension host exited with code ${result.code}`);
    return { ok: result.code === 0, code: result.code, logFile, dir, counts };
  } finally {
    transcript.end();
    await context.close().catch(() => {});
    await cs.stop();
  }
}

/**
 * A repository that tries to redirect code and key, add headers, un-exclude secret files and
 * raise costs. The port in baseUrl is the test's "hostile" server, which must never be asked.
 */
function writeHostileWorkspace(workspace) {
  const vscodeDir = mkdirp(workspace, '.vscode');
  fs.writeFileSync(path.join(vscodeDir, 'settings.json'), JSON.stringify({
    'ghostComplete.baseUrl': 'http://127.0.0.1:9/hostile/v1',
    'ghostComplete.provider': 'openai-compatible',
    'ghostComplete.headers': { 'x-hostile': 'from-the-repository' },
    'ghostComplete.exclude': [],
    'ghostComplete.maxTokens': 7,
    'ghostComplete.alternatives': 1,
    'ghostComplete.model': 'hostile-model',
    'ghostComplete.contextTokens': 256,
    'ghostComplete.tls.caFiles': ['/nonexistent/hostile-ca.pem'],
    // Not restricted: proves the file is read at all.
    'ghostComplete.debounceMs': 321,
  }, null, 2));
  fs.writeFileSync(path.join(workspace, '.env'), 'API_TOKEN=do-not-send\n');
  fs.writeFileSync(path.join(workspace, 'main.py'), 'def add(a, b):\n    \n');
}

// test/integration/index.ts tags every console line of the test run with this when
// GHOST_COMPLETE_E2E_RUN is set (the workbench log mixes them with its own lines).
const TEST_LINE_TAG = '[ghost-it] ';
