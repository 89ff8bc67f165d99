// Context recall: for each cursor point of the corpus (contextCorpus.ts), does the prompt the
// engine would send carry the definitions that the line's true continuation uses from other
// files? Measured with context off and on (open files + header, as in VS Code with the
// project's files open), at several shares of the budget, and with 20 large distractor files
// open besides. Also what the context costs: its tokens and the time to gather and fill it.

import { fillContext } from '../src/core/context/fillBudget';
import { IndexCache } from '../src/core/context/indexCache';
import { rankSnippets, type OpenFile } from '../src/core/context/rankSnippets';
import { planRequest } from '../src/core/plan/requestPlan';
import { DEFAULT_SETTINGS, type CompletionSettings } from '../src/core/settings';
import { covered, headOf, loadCorpus, recallPoints, type CorpusSource, type RecallPoint } from './contextCorpus';
import { largeFilesByProject } from './contextLargeFiles';
import { LineDocument, completionInputAt } from './documentInput';
import { percentile } from './stats';

export interface RecallRow {
  label: string;
  points: number;
  /** Share of points whose prompt has a definition of every symbol they need. */
  recall: number;
  /** Share of needed symbols whose definition is in the prompt. */
  symbolRecall: number;
  contextTokensMean: number;
  promptTokensMean: number;
  /** Rank + fill per request, warm indexes (ms). */
  gatherP50Ms: number;
  gatherP95Ms: number;
}

interface Setup {
  label: string;
  enable: boolean;
  share: number;
  /** Besides the corpus's own files of the language. */
  distractors: boolean;
}

const SETUPS: Setup[] = [
  { label: 'context off', enable: false, share: 0.25, distractors: false },
  { label: 'on, share 0.10', enable: true, share: 0.1, distractors: false },
  { label: 'on, share 0.25 (default)', enable: true, share: 0.25, distractors: false },
  { label: 'on, share 0.50', enable: true, share: 0.5, distractors: false },
  { label: 'on, 0.25, +20 files x 2000 lines', enable: true, share: 0.25, distractors: true },
];

export function runContextRecall(): { points: number; rows: RecallRow[] } {
  const corpus = loadCorpus();
  const points = recallPoints(corpus);
  const large = largeFilesByProject(corpus, 20, 2000);
  const rows = SETUPS.map((setup) => measure(setup, corpus, points, large));
  return { points: points.length, rows };
}

function measure(setup: Setup, corpus: readonly CorpusSource[], points: readonly RecallPoint[], large: Map<string, OpenFile[]>): RecallRow {
  const settings: CompletionSettings = { ...DEFAULT_SETTINGS, context: { ...DEFAULT_SETTINGS.context, enable: setup.enable, share: setup.share } };
  // One cache per project: a window has one project's files open.
  const caches = new Map<string, IndexCache>();
  const cacheOf = (p: RecallPoint) => caches.get(p.file.project) ?? caches.set(p.file.project, new IndexCache()).get(p.file.project)!;
  let recalled = 0;
  let symbols = 0;
  let symbolsFound = 0;
  let contextTokens = 0;
  let promptTokens = 0;
  const times: number[] = [];
  // Indexes are built once per document version: warm them as a session would have.
  if (setup.enable) for (const point of points) gather(point, settings, corpus, setup.distractors ? large : undefined, cacheOf(point));

  for (const point of points) {
    const doc = new LineDocument(point.file.lines, point.file.path, point.file.languageId, undefined);
    const input = completionInputAt(doc, point.line, point.character, { settings });
    if (setup.enable) {
      const started = performance.now();
      input.context = gather(point, settings, corpus, setup.distractors ? large : undefined, cacheOf(point));
      times.push(performance.now() - started);
    }
    const plan = planRequest(input, true, 1);
    if (covered(plan.request.prompt, point)) recalled++;
    for (const need of point.needs) {
      symbols++;
      if (need.definitions.some((d) => plan.request.prompt.includes(d))) symbolsFound++;
    }
    contextTokens += plan.contextTokens;
    promptTokens += plan.promptTokens;
  }
  return {
    label: setup.label,
    points: points.length,
    recall: recalled / points.length,
    symbolRecall: symbolsFound / symbols,
    contextTokensMean: contextTokens / points.length,
    promptTokensMean: promptTokens / points.length,
    gatherP50Ms: percentile(times, 50),
    gatherP95Ms: percentile(times, 95),
  };
}

/** What the VS Code gatherer does for open files (rank), plus the plan's budget filling. */
function gather(point: RecallPoint, settings: CompletionSettings, corpus: readonly CorpusSource[], large: Map<string, OpenFile[]> | undefined, cache: IndexCache) {
  const openFiles = [...openCorpusFiles(corpus, point.file), ...(large?.get(point.file.project) ?? [])];
  const prefix = point.file.lines.slice(Math.max(0, point.line - 20), point.line).join('\n') + '\n' + point.file.lines[point.line]!.slice(0, point.character);
  const snippets = rankSnippets({ languageId: point.file.languageId, prefix, head: headOf(point), openFiles, definitions: [], recentEdits: [], cache });
  const gathered = { path: point.file.path, snippets };
  const available = settings.contextTokens - settings.maxTokens - 10;
  fillContext(gathered, point.file.languageId, Math.floor(available * settings.context.share), settings.context.fileHeader);
  return gathered;
}

/** Every other corpus file of the point's language is open (its own project and the others). */
function openCorpusFiles(corpus: readonly CorpusSource[], current: CorpusSource): OpenFile[] {
  return corpus
    .filter((f) => f !== current && f.languageId === current.languageId)
    .map((f) => ({ key: f.path, path: f.path, languageId: f.languageId, version: 1, lines: () => f.lines }));
}
