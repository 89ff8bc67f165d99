// The verdict against the peers: per scenario, the engine's requests, billed tokens and pause
// latency (pauses that needed an answer) next to each baseline's, as ratios and differences.

import { BASELINES, type EconomyRun } from './economy';
import { pauseSummaries } from './report';
import { ratio } from './stats';
import { formatTable } from './table';

export interface PeerComparison {
  scenario: string;
  baseline: string;
  requests: number;
  billedTokens: number;
  /** Engine minus baseline, ms, over pauses that needed an answer ("none" ranks last). */
  waitedMedianDeltaMs: number;
  waitedP90DeltaMs: number;
  /** Engine minus baseline: pauses that needed an answer and got none. */
  noneDelta: number;
}

export function peerComparisons(runs: EconomyRun[]): PeerComparison[] {
  const summaries = pauseSummaries(runs);
  const out: PeerComparison[] = [];
  for (const engine of summaries.filter((s) => s.provider === 'engine')) {
    for (const base of summaries.filter((s) => s.scenario === engine.scenario && BASELINES.includes(s.provider as never))) {
      out.push({
        scenario: engine.scenario,
        baseline: base.provider,
        requests: ratio(engine.requests, base.requests),
        billedTokens: ratio(engine.billedTokens, base.billedTokens),
        waitedMedianDeltaMs: engine.waitedMedianMs - base.waitedMedianMs,
        waitedP90DeltaMs: engine.waitedP90Ms - base.waitedP90Ms,
        noneDelta: engine.waitedNone - base.waitedNone,
      });
    }
  }
  return out;
}

export function printPeers(runs: EconomyRun[]): void {
  console.log('\n== Engine vs each baseline (all files): ratios, and engine − baseline over pauses that needed an answer ==');
  const ms = (v: number): string => (Number.isNaN(v) ? '-' : Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${v.toFixed(0)}` : String(v));
  console.log(
    formatTable(
      ['scenario / baseline', 'requests ×', 'billed tok ×', 'median Δ ms', 'p90 Δ ms', 'none Δ'],
      peerComparisons(runs).map((c) => [`${c.scenario} / ${c.baseline}`, c.requests, c.billedTokens, ms(c.waitedMedianDeltaMs), ms(c.waitedP90DeltaMs), c.noneDelta]),
    ),
  );
}
