// Runs the integration tests in desktop VS Code via @vscode/test-electron.
//
//   npm run test:electron      (= compile-tests, then node out/test/integration/runElectron.js)
//
// Which VS Code: $VSCODE_EXECUTABLE if set (path to a `code` / `Code` executable), otherwise
// @vscode/test-electron downloads one (version $VSCODE_VERSION, default "stable") from
// update.code.visualstudio.com. That download fails on machines without internet access (such as
// this project's CI sandbox, which can only reach the npm registry and apt): there, use
// `npm run test:e2e`, which runs the same suite inside code-server (test/e2e/run.mjs).
// On Linux without a display, run under xvfb-run.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests, TestRunFailedError } from '@vscode/test-electron';

async function main(): Promise<void> {
  // out/test/integration/runElectron.js → repository root is three levels up.
  const extensionDevelopmentPath = path.resolve(__dirname, '../../..');
  const extensionTestsPath = path.resolve(__dirname, 'index.js');
  if (!fs.existsSync(path.join(extensionDevelopmentPath, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: run `npm run build` first.');
  }
  // A fresh profile per run: no settings, secrets or extensions from earlier runs.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ghost-complete-electron-'));
  const workspace = path.join(scratch, 'workspace');
  fs.mkdirSync(workspace);
  const userDataDir = path.join(scratch, 'user-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'extensions.autoUpdate': false, 'telemetry.telemetryLevel': 'off' }, null, 2),
  );

  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE || undefined;
  try {
    const exitCode = await runTests({
      ...(vscodeExecutablePath ? { vscodeExecutablePath } : { version: process.env.VSCODE_VERSION || 'stable' }),
      extensionDevelopmentPath,
      extensionTestsPath,
      launchArgs: [
        workspace,
        `--user-data-dir=${userDataDir}`,
        `--extensions-dir=${path.join(scratch, 'extensions')}`,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
    process.exitCode = exitCode;
    console.log(exitCode === 0 ? 'Integration tests passed.' : `Integration tests failed (exit code ${exitCode}).`);
  } catch (err) {
    if (err instanceof TestRunFailedError) {
      console.error(err.message);
      process.exitCode = 1;
      return;
    }
    if (!vscodeExecutablePath) {
      console.error(
        'Could not download or run VS Code. Without internet access set VSCODE_EXECUTABLE to a local VS Code, ' +
          'or use `npm run test:e2e` (code-server).',
      );
    }
    throw err;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
