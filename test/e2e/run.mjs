#!/usr/bin/env node
// End-to-end tests of Ghost Complete in a real VS Code (code-server 1.139.1 + headless Chromium).
//
//   bash test/e2e/install.sh              # once (idempotent): apt packages, Node 24, code-server
//   node test/e2e/run.mjs [options]       # system Node (>= 18) or the e2e Node 24, either works
//
// Expects the root build outputs to exist (the root npm script builds them first):
//   dist/extension.js        npm run build
//   out/test/integration/    npm run compile-tests
//   ghost-complete.vsix      npm run package
//
// Options:
//   --phase=all|integration|restricted|browser   default all (integration includes restricted:
//                                     the Restricted Mode suite, run with workspace trust on)
//   --grep=TEXT                       only browser tests whose name contains TEXT (also passed
//                                     to mocha as GHOST_COMPLETE_TEST_GREP for phase a)
//   --keep                            keep the run folder even when everything passed
//   --verbose                         forward the whole workbench log of phase a
//
// Every run gets a fresh folder .e2e-run/<timestamp>/ (HOME, XDG_*, TMPDIR, user data,
// extensions, workspaces, logs); failures leave screenshots and log tails in
// test-artifacts/e2e/<timestamp>/. code-server runs in its own process group, which is
// killed at the end, on failure and on SIGINT/SIGTERM.
import fs from 'node:fs';
import path from 'node:path';
import { closeAllBrowsers } from './lib/browser.mjs';
import { runBrowserPhase } from './lib/browserPhase.mjs';
import { findMarkedProcesses, killAllCodeServers } from './lib/codeServer.mjs';
import { runIntegrationPhase } from './lib/integration.mjs';
import { INSTALL_STAMP, NODE24_BIN, REPO_ROOT, elapsed, findFiles, log, mkdirp, tail } from './lib/util.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const hit = argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (!hit) return dflt;
  return hit.includes('=') ? hit.slice(hit.indexOf('=') + 1) : true;
};
const phase = opt('phase', 'all');
const grep = opt('grep', '');
const keep = !!opt('keep', false);
const verbose = !!opt('verbose', false);
const OVERALL_TIMEOUT_MS = Number(process.env.GHOST_COMPLETE_E2E_TIMEOUT_MS ?? 420_000);

// ------------------------------------------------------------------ preconditions
const missing = [];
if (!fs.existsSync(INSTALL_STAMP) || !fs.existsSync(NODE24_BIN)) missing.push('test/e2e/node_modules (run: bash test/e2e/install.sh)');
if (phase !== 'browser') {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'extension.js'))) missing.push('dist/extension.js (npm run build)');
  if (!fs.existsSync(path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js'))) missing.push('out/test/integration/index.js (npm run compile-tests)');
}
if (phase !== 'integration' && phase !== 'restricted' && !fs.existsSync(path.join(REPO_ROOT, 'ghost-complete.vsix'))) missing.push('ghost-complete.vsix (npm run package)');
if (missing.length) {
  console.error(`e2e: missing prerequisites:\n  - ${missing.join('\n  - ')}`);
  console.log('0 passed, 1 failed');
  process.exit(2);
}

// ------------------------------------------------------------------ run folder + env
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const runsRoot = mkdirp(REPO_ROOT, '.e2e-run');
pruneOldRuns(runsRoot, 3);
const runDir = mkdirp(runsRoot, stamp);
const artifactsRoot = mkdirp(REPO_ROOT, 'test-artifacts', 'e2e');
pruneOldRuns(artifactsRoot, 5);
const artifactsDir = path.join(artifactsRoot, stamp);
const runMarker = `GHOST_COMPLETE_E2E_RUN=${stamp}`;

const home = mkdirp(runDir, 'home');
const env = {};
for (const [k, v] of Object.entries(process.env)) {
  // Nothing from an outer VS Code, Electron, npm script or Node option may leak into code-server.
  if (/^(VSCODE_|ELECTRON_|npm_|NODE_OPTIONS$|NODE_PATH$|NODE_EXTRA_CA_CERTS$|INIT_CWD$|CODE_SERVER_|PASSWORD$|HASHED_PASSWORD$)/.test(k)) continue;
  env[k] = v;
}
Object.assign(env, {
  HOME: home,
  XDG_CONFIG_HOME: mkdirp(home, '.config'),
  XDG_DATA_HOME: mkdirp(home, '.local', 'share'),
  XDG_CACHE_HOME: mkdirp(home, '.cache'),
  XDG_STATE_HOME: mkdirp(home, '.local', 'state'),
  XDG_RUNTIME_DIR: mkdirp(runDir, 'runtime'),
  TMPDIR: mkdirp(runDir, 'tmp'),
  // code-server forks the extension host with its own Node; keep Node 24 first for anything else.
  PATH: `${path.dirname(NODE24_BIN)}:${process.env.PATH}`,
  GHOST_COMPLETE_E2E_RUN: stamp,
  // Hermetic: no extension gallery (code-server would ask open-vsx.org).
  EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item', resourceUrlTemplate: 'http://127.0.0.1:9/resource' }),
});
if (grep) env.GHOST_COMPLETE_TEST_GREP = grep;
fs.chmodSync(env.XDG_RUNTIME_DIR, 0o700);

// ------------------------------------------------------------------ cleanup
let cleaned = false;
function hardCleanup() {
  if (cleaned) return;
  cleaned = true;
  killAllCodeServers('SIGKILL');
  for (const pid of findMarkedProcesses(runMarker)) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  }
}
process.on('exit', hardCleanup);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    console.error(`\ne2e: ${sig}, stopping code-server and the browser`);
    hardCleanup();
    console.log(`${passed} passed, ${failed + 1} failed (interrupted)`);
    process.exit(130);
  });
}
const overall = setTimeout(() => {
  console.error(`e2e: overall timeout (${OVERALL_TIMEOUT_MS / 1000} s) exceeded`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  hardCleanup();
  process.exit(1);
}, OVERALL_TIMEOUT_MS);
overall.unref();

// ------------------------------------------------------------------ phases
let passed = 0;
let failed = 0;
log(`run folder ${path.relative(REPO_ROOT, runDir)}; node ${process.version}; code-server on ${NODE24_BIN}`);

try {
  // Phase a runs the suite twice: as usual, then the Restricted Mode suite with workspace trust on.
  const integrationRuns = [
    ...(phase === 'all' || phase === 'integration' ? [{ restricted: false, label: 'phase a' }] : []),
    ...(phase === 'all' || phase === 'integration' || phase === 'restricted' ? [{ restricted: true, label: 'phase a (Restricted Mode)' }] : []),
  ];
  for (const { restricted, label } of integrationRuns) {
    const t = Date.now();
    log(`${label}: integration suite in the extension host`);
    const r = await runIntegrationPhase({ runDir, env, artifactsDir: mkdirp(artifactsDir), verbose, restricted });
    const secs = ((Date.now() - t) / 1000).toFixed(1);
    // Each mocha test counts; a failed run without any counted failure (crash, timeout) counts as one.
    passed += r.counts.passing;
    failed += r.counts.failing || (r.ok ? 0 : 1);
    if (r.ok) {
      log(`${label}: ${r.counts.passing} passed in ${secs} s`);
    } else {
      log(`${label}: FAILED (exit code ${r.code}; ${r.counts.passing} passed, ${r.counts.failing} failed) in ${secs} s; transcript ${path.relative(REPO_ROOT, path.join(r.dir, 'automation.log'))}`);
      printLogTails(r.dir);
    }
  }
  if (phase === 'all' || phase === 'browser') {
    const t = Date.now();
    log('phase b: browser tests (Playwright driving the workbench)');
    const r = await runBrowserPhase({ runDir, env, artifactsDir: mkdirp(artifactsDir), grep });
    passed += r.passed;
    failed += r.failed;
    log(`phase b: ${r.passed} passed, ${r.failed} failed in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
} catch (err) {
  failed++;
  console.error(`e2e: runner error: ${err.stack || err}`);
} finally {
  await closeAllBrowsers();
  killAllCodeServers('SIGTERM');
  hardCleanup();
}

if (failed) {
  console.log(`artifacts: ${path.relative(REPO_ROOT, artifactsDir)}  run folder: ${path.relative(REPO_ROOT, runDir)}`);
} else {
  if (fs.existsSync(artifactsDir) && fs.readdirSync(artifactsDir).length === 0) fs.rmSync(artifactsDir, { recursive: true, force: true });
  if (!keep) fs.rmSync(runDir, { recursive: true, force: true });
}
log(`done (${elapsed().trim()})`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

function printLogTails(dir) {
  console.log(`---- code-server log tail (${path.relative(REPO_ROOT, path.join(dir, 'code-server.log'))})\n${tail(path.join(dir, 'code-server.log'), 25)}\n----`);
  for (const f of findFiles(dir, /^Ghost Complete\.log$/)) {
    console.log(`---- extension log tail (${path.relative(REPO_ROOT, f)})\n${tail(f, 25)}\n----`);
  }
}

function pruneOldRuns(root, keepCount) {
  const runs = fs.readdirSync(root).filter((n) => /^\d{4}-/.test(n)).sort();
  for (const old of runs.slice(0, Math.max(0, runs.length - keepCount))) {
    fs.rmSync(path.join(root, old), { recursive: true, force: true });
  }
}
