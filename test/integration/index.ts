// Mocha entry point for the integration tests, loaded by VS Code's extension host as
// `extensionTestsPath`. The same `run()` serves both runners:
//   - test/e2e/run.mjs (code-server 1.139.1 + headless Chromium, payload URL), and
//   - @vscode/test-electron (test/integration/runElectron.ts, desktop VS Code).
// It runs every out/test/integration/**/*.test.js with the TDD interface (suite/test).

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { mochaHooks } from '../support/failOnUnhandledRejection';

type MochaCtor = typeof import('mocha');

/** mocha 12 is an ES module: require() works on Node >= 20.19, else fall back to import(). */
async function loadMocha(): Promise<MochaCtor> {
  try {
    const mod = require('mocha');
    return (mod.default ?? mod) as MochaCtor;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ERR_REQUIRE_ESM' && code !== 'ERR_REQUIRE_ASYNC_MODULE') throw err;
    // A real dynamic import (TypeScript would turn `import()` into require() for CommonJS).
    const dynamicImport = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<any>;
    const url = require('node:url').pathToFileURL(require.resolve('mocha')).href;
    const mod = await dynamicImport(url);
    return (mod.default ?? mod) as MochaCtor;
  }
}

function findTests(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

/**
 * The code-server runner receives the extension host's console as pre-joined strings, without
 * printf-style formatting, mixed with the workbench's own log. So the reporter's lines are
 * formatted here and, under that runner (GHOST_COMPLETE_E2E_RUN is set), tagged so that
 * test/e2e/run.mjs can pick them out. (The extension host's console methods cannot be replaced:
 * VS Code defines them with a no-op setter; mocha's reporters print through Base.consoleLog.)
 */
export const E2E_LINE_TAG = '[ghost-it] ';

function formatReporterOutput(Mocha: MochaCtor): () => void {
  const base = (Mocha as any).reporters?.Base;
  if (!base || typeof base.consoleLog !== 'function') return () => undefined;
  const original = base.consoleLog;
  const tag = process.env.GHOST_COMPLETE_E2E_RUN ? E2E_LINE_TAG : '';
  base.consoleLog = (...args: unknown[]) => {
    const text = util.format(...args);
    original.call(console, tag ? tag + text.split('\n').join(`\n${tag}`) : text);
  };
  return () => (base.consoleLog = original);
}

export async function run(): Promise<void> {
  const Mocha = await loadMocha();
  const restore = formatReporterOutput(Mocha);
  try {
    await runMocha(Mocha);
  } finally {
    restore();
  }
}

async function runMocha(Mocha: MochaCtor): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    timeout: Number(process.env.GHOST_COMPLETE_TEST_TIMEOUT ?? 20_000),
    color: false,
    reporter: 'spec',
    grep: process.env.GHOST_COMPLETE_TEST_GREP || undefined,
    rootHooks: mochaHooks,
  });
  for (const file of findTests(__dirname)) mocha.addFile(file);
  // mocha 12 loads files asynchronously (ESM-aware); loadFilesAsync exists since mocha 9.
  await mocha.loadFilesAsync();

  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
      else resolve();
    });
  });
}
