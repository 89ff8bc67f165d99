// Turns bench results into console tables and the ratios that are the bench's verdict.

import { PROVIDERS, type EconomyOptions, type EconomyResult, type EconomyRun } from './economy';
import type { FirstGhostTextResult } from './firstGhostText';
import { DEFAULT_KEYSTROKE_COST, type KeystrokeCostResult } from './keystrokeCost';
import { PAUSE_MS } from './typingSimulation';
import { percentile, ratio, sum } from './stats';
import { formatTable } from './table';

export interface CostRatio {
  sizes: string;
  totalMedian: number;
  totalP95: number;
  typedThroughMedian: number;
  typedThroughP95: number;
}

export function costRatios(cost: KeystrokeCostResult[]): CostRatio[] {
  const of = (a: KeystrokeCostResult, b: KeystrokeCostResult): CostRatio => ({
    sizes: `${a.label} / ${b.label}`,
    totalMedian: ratio(a.total.medianUs, b.total.medianUs),
    totalP95: ratio(a.total.p95Us, b.total.p95Us),
    typedThroughMedian: ratio(a.typedThrough.medianUs, b.typedThrough.medianUs),
    typedThroughP95: ratio(a.typedThrough.p95Us, b.typedThrough.p95Us),
  });
  const smallest = cost[0];
  const largest = cost[cost.length - 1];
  const out = cost.slice(1).map((r) => of(r, smallest));
  // A 1 KB file is smaller than the context window; from 100 KB on the window is full, so any
  // growth past that is cost that scales with the file.
  const full = cost.find((r) => r.bytes >= 100 * 1024);
  if (full && full !== largest && full !== smallest) out.push(of(largest, full));
  return out;
}

export function printCost(cost: KeystrokeCostResult[]): void {
  console.log(`\n== Engine cost per keystroke vs file size (${DEFAULT_KEYSTROKE_COST.keystrokes} keystrokes typed through a suggestion, cursor mid-file; µs) ==`);
  console.log(
    formatTable(
      ['file', 'lines', 'total median', 'total p95', 'typed-through median', 'typed-through p95', 'input', 'fitTokenBudget', 'engine', 'lineAt/key'],
      cost.map((r) => [
        r.label,
        r.lines,
        r.total.medianUs,
        r.total.p95Us,
        r.typedThrough.medianUs,
        r.typedThrough.p95Us,
        r.input.medianUs,
        r.tokenBudget.medianUs,
        r.engine.medianUs,
        r.lineReadsMax,
      ]),
    ),
  );
  console.log('  total = input (extractContext + adapter) + fitTokenBudget + engine.complete; typed-through = without fitTokenBudget,');
  console.log('  which only runs when a request is sent. input / fitTokenBudget / engine are medians.\n');
  console.log(
    formatTable(
      ['ratio', 'total median', 'total p95', 'typed-through median', 'typed-through p95'],
      costRatios(cost).map((r) => [r.sizes, r.totalMedian, r.totalP95, r.typedThroughMedian, r.typedThroughP95]),
    ),
  );
}

export function printFirst(r: FirstGhostTextResult): void {
  console.log(`\n== Time to first ghost text (median of ${r.trials} trials; debounce ${r.debounceMs} ms, server first line ${r.firstLineMs} ms) ==`);
  console.log(
    formatTable(
      ['measure', 'ms'],
      [
        ['keystroke → first suggestion', r.measuredMs],
        ['overhead (measured − debounce − server first line)', r.overheadMs],
        ['  of which before the request reached the server', r.sendOverheadMs],
        ['  of which after the first line left the server', r.receiveOverheadMs],
        ['overhead p90', r.overheadP90Ms],
        ['overhead max', r.overheadMaxMs],
      ],
    ),
  );
  console.log(`  measured / (debounce + first line): ${r.ratioToIdeal.toFixed(3)}`);
}

interface EconomyTotals {
  requests: number;
  billedTokens: number;
  /** Keys typed plus Tab presses: what the user did. */
  actions: number;
}

function totalsOf(runs: EconomyRun[]): EconomyTotals {
  return {
    requests: sum(runs.map((r) => r.requests)),
    billedTokens: sum(runs.map((r) => r.billedTokens)),
    actions: sum(runs.map((r) => r.typing.keystrokes + r.typing.accepts)),
  };
}

export interface EconomyRatio {
  scenario: string;
  file: string;
  requests: number;
  billedTokens: number;
  /** Requests per user action, engine / naive (naive is 1 by construction). */
  requestsPerAction: number;
}

export function economyRatios(runs: EconomyRun[]): EconomyRatio[] {
  const out: EconomyRatio[] = [];
  for (const scenario of new Set(runs.map((r) => r.scenario))) {
    for (const file of [...new Set(runs.map((r) => r.typing.file)), 'all files']) {
      const of = (p: string): EconomyTotals =>
        totalsOf(runs.filter((r) => r.provider === p && r.scenario === scenario && (file === 'all files' || r.typing.file === file)));
      const e = of('engine');
      const n = of('naive');
      out.push({
        scenario,
        file,
        requests: ratio(e.requests, n.requests),
        billedTokens: ratio(e.billedTokens, n.billedTokens),
        requestsPerAction: ratio(ratio(e.requests, e.actions), ratio(n.requests, n.actions)),
      });
    }
  }
  return out;
}

export function printEconomy(result: EconomyResult, o: EconomyOptions): void {
  const scale = o.typist.timeScale;
  console.log(`\n== Economy: simulated typing, engine (debounce ${o.engineDebounceMs} ms) vs baselines (time ÷${scale}, oracle error rate ${o.errorRate}) ==`);
  const runs = [...result.runs].sort((a, b) => a.scenario.localeCompare(b.scenario) || a.typing.file.localeCompare(b.typing.file));
  console.log(
    formatTable(
      ['scenario / file / provider', 'keys', 'Tab (chars)', 'calls: request', 'served, 0 req', 'superseded', 'empty, 0 req', 'growth (changed)', 'requests', 'aborted', 'prompt tok', 'completion tok', 'billed tok', 'wall s'],
      runs.map((r) => [
        `${r.scenario} / ${r.typing.file} / ${r.provider}`,
        r.typing.keystrokes,
        `${r.typing.accepts} (${r.typing.acceptedChars})`,
        r.typing.callsWithRequest,
        r.typing.callsServedWithoutRequest,
        r.typing.callsSuperseded,
        r.typing.callsEmptyWithoutRequest,
        `${r.typing.growthCalls} (${r.typing.growthChangedText})`,
        r.requests,
        r.disconnects,
        r.promptTokens,
        r.completionTokens,
        r.billedTokens,
        r.typing.wallMs / 1000,
      ]),
    ),
  );
  console.log('');
  console.log(
    formatTable(
      ['engine / naive', 'requests', 'billed tokens', 'requests per key or Tab'],
      economyRatios(result.runs).map((r) => [`${r.scenario} / ${r.file}`, r.requests, r.billedTokens, r.requestsPerAction]),
    ),
  );
  const unseen = runs.filter((r) => r.clientSeenTokens !== undefined && r.clientSeenTokens !== r.billedTokens);
  for (const r of unseen) {
    console.log(
      `  ${r.scenario} / ${r.typing.file} / ${r.provider}: the usage view counted ${r.clientSeenTokens} of ${r.billedTokens} billed tokens ` +
        '(cancelled requests send no usage chunk; the engine estimates them)',
    );
  }
  const delay = result.loopDelayP99Ms;
  const delays = PROVIDERS.map((p) => `${p} ${delay[p].toFixed(1)} ms`).join(', ');
  console.log(`  event-loop delay p99: ${delays} (scaled key gaps are ≥ ${(o.typist.gapMs[0] / scale).toFixed(0)} ms)`);

  console.log(`\n== Pauses: ghost text when the user stops typing (gap ≥ ${PAUSE_MS} ms; real ms from the last key or Tab) ==`);
  console.log(
    formatTable(
      ['scenario / provider', 'requests', 'billed tok', 'pauses', 'with ghost text', 'median', 'p90', 'not yet shown', 'their median', 'their p90', 'of them none'],
      pauseSummaries(result.runs).map((p) => [
        `${p.scenario} / ${p.provider}`,
        p.requests,
        p.billedTokens,
        p.pauses,
        p.withGhostText,
        latencyText(p.latencyMedianMs),
        latencyText(p.latencyP90Ms),
        p.waited,
        latencyText(p.waitedMedianMs),
        latencyText(p.waitedP90Ms),
        `${p.waitedNone} (${((100 * p.waitedNone) / Math.max(1, p.waited)).toFixed(0)} %)`,
      ]),
    ),
  );
  console.log('  A pause without ghost text counts as an infinite latency ("none") in the medians and p90s. "Not yet shown":');
  console.log('  pauses whose ghost text was not already on screen at the key (typed through), i.e. that needed an answer.');
}

export interface PauseSummary {
  scenario: string;
  provider: string;
  requests: number;
  billedTokens: number;
  pauses: number;
  withGhostText: number;
  /** Over all pauses, "none" ranked last (Infinity). */
  latencyMedianMs: number;
  latencyP90Ms: number;
  /** Pauses whose ghost text was not on screen at once (latency > 0 or none), and their latency. */
  waited: number;
  waitedMedianMs: number;
  waitedP90Ms: number;
  /** Pauses that needed an answer and got none before the next key. */
  waitedNone: number;
}

/** Per scenario and provider, all files together. */
export function pauseSummaries(runs: EconomyRun[]): PauseSummary[] {
  const out: PauseSummary[] = [];
  for (const scenario of new Set(runs.map((r) => r.scenario))) {
    for (const provider of PROVIDERS) {
      const of = runs.filter((r) => r.scenario === scenario && r.provider === provider);
      if (of.length === 0) continue;
      const latencies = of.flatMap((r) => r.typing.pauseLatenciesMs).map((ms) => ms ?? Infinity);
      const waited = latencies.filter((ms) => ms > 0);
      out.push({
        scenario,
        provider,
        requests: sum(of.map((r) => r.requests)),
        billedTokens: sum(of.map((r) => r.billedTokens)),
        pauses: latencies.length,
        withGhostText: latencies.filter(Number.isFinite).length,
        latencyMedianMs: percentile(latencies, 50),
        latencyP90Ms: percentile(latencies, 90),
        waited: waited.length,
        waitedMedianMs: percentile(waited, 50),
        waitedP90Ms: percentile(waited, 90),
        waitedNone: waited.filter((ms) => ms === Infinity).length,
      });
    }
  }
  return out;
}

function latencyText(ms: number): string {
  if (Number.isNaN(ms)) return '-';
  return ms === Infinity ? 'none' : ms.toFixed(0);
}
