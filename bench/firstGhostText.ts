// Time to first ghost text: from the last keystroke of a short burst to the engine returning
// the first line of the answer. The server's share (first line after `firstLineMs`) and the
// debounce are subtracted; what is left is the extension's own overhead: planning and
// tokenizing the prompt, the HTTP exchange, SSE parsing, stop matching, post-processing.

import { CompletionEngine } from '../src/core/engine';
import { endpointFor } from '../src/core/endpointConfig';
import { DEFAULT_SETTINGS, type CompletionSettings } from '../src/core/settings';
import { streamCompletion } from '../src/openai/client';
import { warmUpTokenizer } from '../src/core/plan/tokenBudget';
import { sleep, startFakeOpenAI, streamChunks } from '../test/support/fakeOpenAI';
import { CORPUS } from './corpus';
import { completionInputAt, LineDocument } from './documentInput';
import { median, percentile } from './stats';

export interface FirstGhostTextOptions {
  trials: number;
  warmupTrials: number;
  debounceMs: number;
  firstLineMs: number;
  /** Pause between the following lines. */
  lineGapMs: number;
  /** Gap between the keys of the burst (shorter than the debounce, so only the last one asks). */
  burstGapMs: number;
}

export const DEFAULT_FIRST_GHOST_TEXT: FirstGhostTextOptions = {
  trials: 20,
  warmupTrials: 2,
  debounceMs: DEFAULT_SETTINGS.debounceMs,
  firstLineMs: 80,
  lineGapMs: 20,
  burstGapMs: 30,
};

export interface FirstGhostTextResult {
  trials: number;
  debounceMs: number;
  firstLineMs: number;
  /** Medians over the trials, in ms. */
  measuredMs: number;
  /** Keystroke → first line shown, minus the debounce and the server's first-line time. */
  overheadMs: number;
  overheadP90Ms: number;
  overheadMaxMs: number;
  /** Overhead before the request reached the server (after the debounce) and after the first line left it. */
  sendOverheadMs: number;
  receiveOverheadMs: number;
  /** measured / (debounce + server first-line time): 1 would be no overhead at all. */
  ratioToIdeal: number;
}

const ANSWER = ['total = 0\n', '    for v in values:\n', '        total += v\n', '    return total'];

interface ServerTiming {
  arrivedAt: number;
  firstLineAt: number;
}

export async function runFirstGhostText(o: FirstGhostTextOptions = DEFAULT_FIRST_GHOST_TEXT): Promise<FirstGhostTextResult> {
  warmUpTokenizer();
  const timings: ServerTiming[] = [];
  let open = 0;
  const server = await startFakeOpenAI(async (ctx) => {
    open++;
    const timing: ServerTiming = { arrivedAt: performance.now(), firstLineAt: NaN };
    timings.push(timing);
    try {
      await streamChunks(ctx, {
        choices: [ANSWER],
        delayMs: o.lineGapMs,
        beforeChunk: async (i) => {
          if (i > 0) return;
          await sleep(o.firstLineMs);
          timing.firstLineAt = performance.now();
        },
      });
    } finally {
      open--;
    }
  });
  const settings: CompletionSettings = {
    ...DEFAULT_SETTINGS,
    provider: 'openai-compatible',
    baseUrl: server.baseUrl,
    debounceMs: o.debounceMs,
  };
  const engine = new CompletionEngine({ stream: streamCompletion, endpointFor });
  const samples: { measured: number; overhead: number; send: number; receive: number }[] = [];
  try {
    for (let trial = 0; trial < o.warmupTrials + o.trials; trial++) {
      const requestsBefore = timings.length;
      const { keystrokeAt, shownAt, text } = await burstThenWait(engine, settings, trial, o.burstGapMs);
      if (timings.length !== requestsBefore + 1) throw new Error(`first ghost text: trial ${trial} sent ${timings.length - requestsBefore} requests`);
      if (text !== ANSWER[0].trimEnd()) throw new Error(`first ghost text: trial ${trial} showed ${JSON.stringify(text)}`);
      const server = timings[timings.length - 1];
      // Let the rest of the answer stream so trials never overlap.
      while (open > 0) await sleep(2);
      engine.clearCache();
      if (trial < o.warmupTrials) continue;
      const measured = shownAt - keystrokeAt;
      const serverFirstLine = server.firstLineAt - server.arrivedAt;
      samples.push({
        measured,
        overhead: measured - o.debounceMs - serverFirstLine,
        send: server.arrivedAt - keystrokeAt - o.debounceMs,
        receive: shownAt - server.firstLineAt,
      });
    }
  } finally {
    engine.dispose();
    await server.close();
  }
  const overheads = samples.map((s) => s.overhead);
  const measuredMs = median(samples.map((s) => s.measured));
  return {
    trials: samples.length,
    debounceMs: o.debounceMs,
    firstLineMs: o.firstLineMs,
    measuredMs,
    overheadMs: median(overheads),
    overheadP90Ms: percentile(overheads, 90),
    overheadMaxMs: Math.max(...overheads),
    sendOverheadMs: median(samples.map((s) => s.send)),
    receiveOverheadMs: median(samples.map((s) => s.receive)),
    ratioToIdeal: measuredMs / (o.debounceMs + o.firstLineMs),
  };
}

/**
 * Types `):` and Enter (with auto-indent) at the end of a new function signature in the middle
 * of a Python file, each key cancelling the previous call as VS Code does; resolves when the
 * last call returns.
 */
async function burstThenWait(
  engine: CompletionEngine,
  settings: CompletionSettings,
  trial: number,
  gapMs: number,
): Promise<{ keystrokeAt: number; shownAt: number; text: string | undefined }> {
  const python = CORPUS.find((f) => f.languageId === 'python')!.text;
  const before = `${python}\n\ndef trial_${trial}(values`;
  const after = `\n\n\n${python}`;
  let controller: AbortController | undefined;
  let last: Promise<{ text: string | undefined; at: number }> | undefined;
  let keystrokeAt = 0;
  for (const typed of [')', '):', '):\n    ']) {
    controller?.abort();
    controller = new AbortController();
    const doc = LineDocument.fromText(before + typed + after, 'file:///bench/first.py', 'python', '    ');
    const cursorText = before + typed;
    const line = cursorText.split('\n').length - 1;
    const character = cursorText.length - cursorText.lastIndexOf('\n') - 1;
    keystrokeAt = performance.now();
    last = engine
      .complete(completionInputAt(doc, line, character, { settings }), controller.signal)
      .then((s) => ({ text: s[0]?.text, at: performance.now() }));
    if (typed !== '):\n    ') await sleep(gapMs);
  }
  const { text, at } = await last!;
  return { keystrokeAt, shownAt: at, text };
}
