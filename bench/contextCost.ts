// What gathering context costs per request with 20 open files of 2,000 lines each: ranking
// their windows against the code at the cursor and filling the budget. Three cases: indexes
// warm (the usual request), another file edited since the last request (its index is rebuilt),
// and the first request after the files were opened (all 20 are indexed).

import { fillContext } from '../src/core/context/fillBudget';
import { IndexCache } from '../src/core/context/indexCache';
import { rankSnippets, type OpenFile } from '../src/core/context/rankSnippets';
import { headOf, loadCorpus, recallPoints, type RecallPoint } from './contextCorpus';
import { largeFilesByProject } from './contextLargeFiles';
import { percentile } from './stats';

export interface ContextCostRow {
  label: string;
  requests: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** The process's CPU time per request: what it costs without the waits of a busy machine. */
  cpuP95Ms: number;
  /** Indexes built during these requests. */
  indexBuilds: number;
}

const FILES = 20;
const LINES = 2000;
/** Rounds over the corpus points, for enough samples. */
const ROUNDS = 10;
const BUDGET = Math.floor((4096 - 128 - 10) * 0.25);

export function runContextCost(): ContextCostRow[] {
  const corpus = loadCorpus();
  const points = recallPoints(corpus);
  const open = largeFilesByProject(corpus, FILES, LINES);

  const cold: Sample[] = [];
  let coldBuilds = 0;
  for (const [project, files] of open) {
    const cache = new IndexCache();
    cold.push(timed(points.find((p) => p.file.project === project)!, files, cache));
    coldBuilds += cache.builds;
  }

  // One cache per project: a window has the 20 files of one project open, not 80.
  const caches = new Map([...open.keys()].map((project) => [project, new IndexCache()]));
  const cacheOf = (p: RecallPoint) => caches.get(p.file.project)!;
  const builds = () => [...caches.values()].reduce((n, c) => n + c.builds, 0);
  for (const p of points) timed(p, open.get(p.file.project)!, cacheOf(p));
  const warmStart = builds();
  const warm: Sample[] = [];
  for (let r = 0; r < ROUNDS; r++) for (const p of points) warm.push(timed(p, open.get(p.file.project)!, cacheOf(p)));
  const warmBuilds = builds() - warmStart;

  // Each request follows an edit in one of the other open files: a new version to index.
  const edited: Sample[] = [];
  const editedStart = builds();
  let version = 1;
  for (const p of points) {
    const files = open.get(p.file.project)!;
    const i = edited.length % files.length;
    files[i] = { ...files[i]!, version: ++version };
    edited.push(timed(p, files, cacheOf(p)));
  }
  return [
    row('warm indexes (usual request)', warm, warmBuilds),
    row('another open file edited before it', edited, builds() - editedStart),
    row('first request after opening 20 files', cold, coldBuilds),
  ];
}

interface Sample {
  wallMs: number;
  cpuMs: number;
}

function timed(point: RecallPoint, openFiles: OpenFile[], cache: IndexCache): Sample {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const prefix = point.file.lines.slice(Math.max(0, point.line - 20), point.line + 1).join('\n');
  const snippets = rankSnippets({ languageId: point.file.languageId, prefix, head: headOf(point), openFiles, definitions: [], recentEdits: [], cache });
  fillContext({ path: point.file.path, snippets }, point.file.languageId, BUDGET, true);
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

function row(label: string, samples: Sample[], indexBuilds: number): ContextCostRow {
  const wall = samples.map((s) => s.wallMs);
  const cpu = samples.map((s) => s.cpuMs);
  return {
    label,
    requests: samples.length,
    p50Ms: percentile(wall, 50),
    p95Ms: percentile(wall, 95),
    maxMs: Math.max(...wall),
    cpuP95Ms: percentile(cpu, 95),
    indexBuilds,
  };
}
