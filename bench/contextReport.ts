// Console tables for the context sections.

import * as os from 'node:os';
import type { ContextCostRow } from './contextCost';
import type { RecallRow } from './contextRecall';
import { formatTable } from './table';

export function printContextRecall(r: { points: number; rows: RecallRow[] }): void {
  console.log(`\nContext recall (${r.points} cursor points whose line uses symbols defined in other files)`);
  console.log(
    formatTable(
      ['Setup', 'Recall', 'Symbols', 'Context tok', 'Prompt tok', 'Gather p50 ms', 'Gather p95 ms'],
      r.rows.map((x) => [x.label, x.recall, x.symbolRecall, x.contextTokensMean, x.promptTokensMean, x.gatherP50Ms, x.gatherP95Ms]),
    ),
  );
}

export function printContextCost(rows: ContextCostRow[]): void {
  const load = os.loadavg()[0]!.toFixed(1);
  console.log(`\nContext cost per request, 20 open files x 2,000 lines (rank + fill; load average ${load} on ${os.cpus().length} CPUs)`);
  console.log(
    formatTable(
      ['Case', 'Requests', 'p50 ms', 'p95 ms', 'max ms', 'CPU p95 ms', 'Indexes built'],
      rows.map((x) => [x.label, x.requests, x.p50Ms, x.p95Ms, x.maxMs, x.cpuP95Ms, x.indexBuilds]),
    ),
  );
}
