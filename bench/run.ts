// Ghost Complete benchmark: `node out/bench/run.js [--only=cost,first,economy,context] [--scale=5] [--debounce=100]
// [--error-rate=0.1] [--seed=N]`. Every figure is compared with a baseline measured in the same
// run (naive provider, smallest file, server time), never with an absolute threshold.
// Results: the console, and bench-results.json in the compile output (out/, ignored by git).

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { closeAgents } from '../src/openai/transport';
import { runContextCost } from './contextCost';
import { runContextRecall } from './contextRecall';
import { printContextCost, printContextRecall } from './contextReport';
import { DEFAULT_ECONOMY, runEconomy, type EconomyOptions } from './economy';
import { runFirstGhostText } from './firstGhostText';
import { runKeystrokeCost } from './keystrokeCost';
import { peerComparisons, printPeers } from './peerReport';
import { costRatios, economyRatios, pauseSummaries, printCost, printEconomy, printFirst } from './report';

type Section = 'cost' | 'first' | 'economy' | 'context';
const SECTIONS: Section[] = ['cost', 'first', 'economy', 'context'];

interface Args {
  only: Section[];
  scale: number;
  errorRate: number;
  seed: number;
  debounceMs: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { only: SECTIONS, scale: DEFAULT_ECONOMY.typist.timeScale, errorRate: DEFAULT_ECONOMY.errorRate, seed: DEFAULT_ECONOMY.typist.seed, debounceMs: DEFAULT_ECONOMY.engineDebounceMs };
  for (const arg of argv) {
    const [name, value = ''] = arg.replace(/^--/, '').split('=');
    if (name === 'only') {
      args.only = value.split(',') as Section[];
      const unknown = args.only.filter((s) => !SECTIONS.includes(s));
      if (unknown.length > 0) throw new Error(`unknown section ${unknown.join(', ')} (sections: ${SECTIONS.join(', ')})`);
    }
    else if (name === 'scale') args.scale = Number(value);
    else if (name === 'error-rate') args.errorRate = Number(value);
    else if (name === 'seed') args.seed = Number(value);
    else if (name === 'debounce') args.debounceMs = Number(value);
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!(args.scale > 0) || !(args.errorRate >= 0 && args.errorRate <= 1) || !Number.isFinite(args.seed)) {
    throw new Error('bad --scale, --error-rate or --seed');
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const warnings: string[] = [];
  const results: Record<string, unknown> = {};

  // CPU-bound part first, while nothing else runs in the process.
  if (args.only.includes('cost')) {
    const cost = await runKeystrokeCost();
    results.keystrokeCost = { runs: cost, ratios: costRatios(cost) };
    printCost(cost);
    for (const r of cost) {
      if (r.engineRequests !== 1) warnings.push(`keystroke cost ${r.label}: engine sent ${r.engineRequests} requests (1 expected)`);
      if (r.emptyAnswers > 0) warnings.push(`keystroke cost ${r.label}: ${r.emptyAnswers} typed-through keystrokes got no suggestion`);
    }
  }

  if (args.only.includes('context')) {
    const recall = runContextRecall();
    const cost = runContextCost();
    results.context = { recall, cost };
    printContextRecall(recall);
    printContextCost(cost);
    const on = recall.rows.find((r) => r.label.includes('default'));
    if (on && on.recall < 0.8) warnings.push(`context recall ${on.recall.toFixed(2)} is below 0.8`);
    for (const c of cost) if (c.label.startsWith('warm') && c.p95Ms > 5) warnings.push(`context gathering p95 ${c.p95Ms.toFixed(2)} ms is above 5 ms (CPU p95 ${c.cpuP95Ms.toFixed(2)} ms)`);
  }

  if (args.only.includes('first')) {
    const first = await runFirstGhostText();
    results.firstGhostText = first;
    printFirst(first);
  }

  if (args.only.includes('economy')) {
    const options: EconomyOptions = {
      ...DEFAULT_ECONOMY,
      errorRate: args.errorRate,
      engineDebounceMs: args.debounceMs,
      typist: { ...DEFAULT_ECONOMY.typist, timeScale: args.scale, seed: args.seed },
    };
    const economy = await runEconomy(options);
    const peers = peerComparisons(economy.runs);
    results.economy = { options, ...economy, ratios: economyRatios(economy.runs), pauses: pauseSummaries(economy.runs), peers };
    printEconomy(economy, options);
    printPeers(economy.runs);
    for (const r of economy.runs) {
      const name = `economy ${r.scenario} / ${r.typing.file} / ${r.provider}`;
      if (r.unattributed > 0) warnings.push(`${name}: ${r.unattributed} requests outside any provider call`);
      if (r.typing.growthRequests > 0) warnings.push(`${name}: live-growth calls sent ${r.typing.growthRequests} requests`);
      if (r.clientSeenTokens !== undefined && r.clientSeenTokens > r.billedTokens) {
        warnings.push(`${name}: the client read usage for ${r.clientSeenTokens} tokens, more than the ${r.billedTokens} billed`);
      }
    }
  }

  const totalSeconds = (performance.now() - started) / 1000;
  for (const w of warnings) console.log(`WARNING: ${w}`);
  console.log(`\nBench finished in ${totalSeconds.toFixed(1)} s.`);

  // Next to the compiled bench (out/ by default; another --outDir keeps its own results).
  const outFile = path.resolve(__dirname, '..', 'bench-results.json');
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    totalSeconds,
    warnings,
    ...results,
  };
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Results written to ${path.relative(process.cwd(), outFile) || outFile}`);
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  // Pooled keep-alive connections would otherwise keep the process alive.
  .finally(() => closeAgents());
