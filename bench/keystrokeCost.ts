// Engine cost per keystroke vs file size: the work a keystroke costs the extension when the
// user types through a suggestion in the middle of a 1 KB … 10 MB file. No network: the one
// request is answered from memory before timing starts.

import { CompletionEngine } from '../src/core/engine';
import type { StreamFn } from '../src/core/ports';
import { endpointFor } from '../src/core/endpointConfig';
import { DEFAULT_SETTINGS, type CompletionSettings } from '../src/core/settings';
import { contextWindowForModel, fitTokenBudget, warmUpTokenizer } from '../src/core/plan/tokenBudget';
import { completionInputAt, LineDocument } from './documentInput';
import { median, percentile } from './stats';

export interface KeystrokeCostOptions {
  sizes: { label: string; bytes: number }[];
  warmupKeystrokes: number;
  keystrokes: number;
}

export const DEFAULT_KEYSTROKE_COST: KeystrokeCostOptions = {
  sizes: [
    { label: '1 KB', bytes: 1024 },
    { label: '100 KB', bytes: 100 * 1024 },
    { label: '1 MB', bytes: 1024 * 1024 },
    { label: '10 MB', bytes: 10 * 1024 * 1024 },
  ],
  warmupKeystrokes: 50,
  keystrokes: 200,
};

export interface PhaseStats {
  medianUs: number;
  p95Us: number;
}

export interface KeystrokeCostResult {
  label: string;
  bytes: number;
  lines: number;
  /** Whole keystroke: build the input, fit the token budget, engine call. */
  total: PhaseStats;
  /** What a typed-through keystroke really costs the extension: input building and the engine call. */
  typedThrough: PhaseStats;
  /** extractContext and the rest of the adapter's input building. */
  input: PhaseStats;
  /** fitTokenBudget: paid only by keystrokes that send a request, shown for scale. */
  tokenBudget: PhaseStats;
  /** engine.complete served from the flight. */
  engine: PhaseStats;
  /** Lines read through lineAt per keystroke (max over the measured keystrokes). */
  lineReadsMax: number;
  /** Requests the engine made (1 expected: the one before timing). */
  engineRequests: number;
  /** Keystrokes the engine answered with an empty list (0 expected). */
  emptyAnswers: number;
}

// What the user types through: one long line, so every measured keystroke stays inside it.
const PREDICTED =
  'summary = {"count": len(values), "total": sum(values), "mean": statistics.mean(values), ' +
  '"median": statistics.median(values), "stdev": statistics.pstdev(values), "low": min(values), ' +
  '"high": max(values), "first": values[0], "last": values[-1], "unique": len(set(values)), ' +
  '"sorted": sorted(values)[:10]}';

export async function runKeystrokeCost(o: KeystrokeCostOptions = DEFAULT_KEYSTROKE_COST): Promise<KeystrokeCostResult[]> {
  if (o.warmupKeystrokes + o.keystrokes >= PREDICTED.length) throw new Error('keystroke cost: predicted text too short');
  warmUpTokenizer();
  const results: KeystrokeCostResult[] = [];
  for (const size of o.sizes) results.push(await measureSize(size.label, size.bytes, o));
  return results;
}

async function measureSize(label: string, bytes: number, o: KeystrokeCostOptions): Promise<KeystrokeCostResult> {
  const lines = generateCode(bytes);
  // The user opens an empty line in the middle of the file and types there.
  const line = Math.floor(lines.length / 2);
  lines.splice(line, 0, '');
  const doc = new LineDocument(lines, `file:///bench/generated-${bytes}.py`, 'python', '    ');

  const settings: CompletionSettings = { ...DEFAULT_SETTINGS, provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', debounceMs: 0 };
  const engine = new CompletionEngine({ stream: answerFromMemory(PREDICTED), endpointFor });
  // The same budget planRequest uses.
  const window = Math.min(settings.contextTokens, contextWindowForModel(settings.model, settings.modelContextWindows));
  const budget = { contextTokens: window, maxTokens: Math.min(settings.maxTokens, Math.floor(window / 2)), suffixShare: settings.suffixShare };

  const signal = new AbortController().signal;
  const first = await engine.complete(completionInputAt(doc, line, 0, { settings }), signal);
  if (first[0]?.text !== PREDICTED) throw new Error(`keystroke cost: unexpected first suggestion ${JSON.stringify(first)}`);

  const total: number[] = [];
  const typedThrough: number[] = [];
  const input: number[] = [];
  const tokenBudget: number[] = [];
  const engineTimes: number[] = [];
  let lineReadsMax = 0;
  let emptyAnswers = 0;
  for (let k = 1; k <= o.warmupKeystrokes + o.keystrokes; k++) {
    // The keystroke itself (the editor's work, not ours) happens before the clock starts.
    lines[line] = PREDICTED.slice(0, k);
    doc.lineReads = 0;
    const t0 = process.hrtime.bigint();
    const ci = completionInputAt(doc, line, k, { settings });
    const t1 = process.hrtime.bigint();
    fitTokenBudget(ci.prefix, ci.suffix, budget);
    const t2 = process.hrtime.bigint();
    const suggestions = await engine.complete(ci, signal);
    const t3 = process.hrtime.bigint();
    if (k <= o.warmupKeystrokes) continue;
    if (suggestions.length === 0) emptyAnswers++;
    lineReadsMax = Math.max(lineReadsMax, doc.lineReads);
    input.push(us(t1 - t0));
    tokenBudget.push(us(t2 - t1));
    engineTimes.push(us(t3 - t2));
    total.push(us(t3 - t0));
    typedThrough.push(us(t1 - t0 + (t3 - t2)));
  }
  const engineRequests = engine.requestCount;
  engine.dispose();
  return {
    label,
    bytes,
    lines: lines.length,
    total: stats(total),
    typedThrough: stats(typedThrough),
    input: stats(input),
    tokenBudget: stats(tokenBudget),
    engine: stats(engineTimes),
    lineReadsMax,
    engineRequests,
    emptyAnswers,
  };
}

/** A stream that answers every request at once with `text`. */
function answerFromMemory(text: string): StreamFn {
  return async function* () {
    yield { type: 'delta', index: 0, text };
    yield { type: 'finish', index: 0, reason: 'stop' };
  };
}

/** About `bytes` of varied Python (functions of a few lines), deterministic. */
export function generateCode(bytes: number): string[] {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const block = [
      `def compute_${i}(values, factor=${(i % 7) + 1}):`,
      `    """Scale the values of batch ${i} and keep the positive ones."""`,
      `    scaled = [v * factor + ${i % 13} for v in values]`,
      `    return [v for v in scaled if v > ${i % 5}]`,
      '',
    ];
    for (const l of block) {
      lines.push(l);
      size += l.length + 1;
    }
  }
  return lines;
}

function us(ns: bigint): number {
  return Number(ns) / 1000;
}

function stats(samples: number[]): PhaseStats {
  return { medianUs: median(samples), p95Us: percentile(samples, 95) };
}
