// Economy: what the same simulated user costs with the engine as shipped and with each baseline
// (naive, and the peer policies of Continue and llama.vscode), in requests, cancelled requests and
// billed tokens, against the oracle server; and how soon ghost text shows when the user pauses.

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CompletionEngine, type RequestReport } from '../src/core/engine';
import { endpointFor } from '../src/core/endpointConfig';
import { DEFAULT_SETTINGS, type CompletionSettings } from '../src/core/settings';
import { streamCompletion } from '../src/openai/client';
import { CORPUS, type CorpusFile } from './corpus';
import { DebounceAbortProvider, CONTINUE_DEBOUNCE_MS } from './debounceAbortProvider';
import { NaiveProvider } from './naiveProvider';
import { LLAMA_POLL_MS, SerialNoAbortProvider } from './serialNoAbortProvider';
import { startOracleServer, type BilledRequest, type OracleOptions } from './oracleServer';
import { RequestAttribution } from './requestAttribution';
import { sum } from './stats';
import {
  DEFAULT_TYPIST,
  simulateTyping,
  VSCODE_TYPING_DELAY_MS,
  type SimProvider,
  type TypingResult,
  type TypistOptions,
} from './typingSimulation';

/** continue: debounce-and-abort (Continue); llama: no-debounce-no-abort (llama.vscode). */
export type ProviderName = 'engine' | 'continue' | 'llama' | 'naive';
export const PROVIDERS: readonly ProviderName[] = ['engine', 'continue', 'llama', 'naive'];
export const BASELINES: readonly ProviderName[] = ['continue', 'llama', 'naive'];

export interface EconomyScenario {
  name: string;
  /** Chance, at each key, that the user accepts a correct suggestion with Tab (0: types every key). */
  acceptChance: number;
}

export interface EconomyRun {
  scenario: string;
  provider: ProviderName;
  typing: TypingResult;
  requests: number;
  /** Requests whose connection the client closed before the response ended (cancelled, or cut at a stop). */
  disconnects: number;
  promptTokens: number;
  completionTokens: number;
  billedTokens: number;
  /** Requests that asked for several lines, and requests the oracle answered wrongly on purpose. */
  multilineRequests: number;
  wrongAnswers: number;
  /** Requests sent outside any provider call (a bench bug if not 0). */
  unattributed: number;
  /**
   * Engine only: tokens the client learnt of from usage chunks (what the extension's usage view
   * can count). A cancelled request has no usage chunk, but the server bills it all the same.
   */
  clientSeenTokens?: number;
}

export interface EconomyOptions {
  typist: TypistOptions;
  scenarios: EconomyScenario[];
  /** Model timing in real milliseconds; scaled like the typing. */
  firstTokenMs: number;
  perTokenMs: number;
  extraLines: number;
  errorRate: number;
  /** The engine's whole pause before asking, real ms (the debounceMs setting, VS Code's wait included). */
  engineDebounceMs: number;
}

export const DEFAULT_ECONOMY: EconomyOptions = {
  typist: DEFAULT_TYPIST,
  scenarios: [
    // The same keys reach both providers: a pure comparison of request strategies.
    { name: 'types every key', acceptChance: 0 },
    // Also counts what the engine's faster ghost text saves: accepted text is not typed.
    { name: 'accepts with Tab', acceptChance: DEFAULT_TYPIST.acceptChance },
  ],
  firstTokenMs: 300,
  perTokenMs: 12,
  extraLines: 2,
  errorRate: 0.1,
  engineDebounceMs: DEFAULT_SETTINGS.debounceMs,
};

export interface EconomyResult {
  runs: EconomyRun[];
  /** Event-loop delay while each provider's sessions ran, ms: small next to the scaled key gaps, or the scaling is unsafe. */
  loopDelayP99Ms: Record<ProviderName, number>;
}

export async function runEconomy(o: EconomyOptions = DEFAULT_ECONOMY): Promise<EconomyResult> {
  const runs: EconomyRun[] = [];
  const loopDelayP99Ms = {} as Record<ProviderName, number>;
  // Sessions (scenario × file) run side by side, each against its own server: the process is
  // idle most of the time. The two providers run one after the other so they never compete.
  for (const provider of PROVIDERS) {
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const sessions = o.scenarios.flatMap((scenario) => CORPUS.map((file) => runOne(scenario, file, provider, o)));
    runs.push(...(await Promise.all(sessions)));
    delay.disable();
    loopDelayP99Ms[provider] = delay.percentile(99) / 1e6;
  }
  return { runs, loopDelayP99Ms };
}

async function runOne(scenario: EconomyScenario, file: CorpusFile, provider: ProviderName, o: EconomyOptions): Promise<EconomyRun> {
  const typist: TypistOptions = { ...o.typist, acceptChance: scenario.acceptChance };
  const scale = typist.timeScale;
  const oracle: OracleOptions = {
    files: CORPUS.map((f) => f.text),
    firstTokenMs: o.firstTokenMs / scale,
    perTokenMs: o.perTokenMs / scale,
    extraLines: o.extraLines,
    errorRate: o.errorRate,
  };
  const server = await startOracleServer(oracle);
  const settings: CompletionSettings = {
    ...DEFAULT_SETTINGS,
    provider: 'openai-compatible',
    baseUrl: server.baseUrl,
    // Time runs `scale` times faster for the user and the model: the debounce must too. The
    // simulation already waits VS Code's part of it, as the adapter does (inlineProvider.ts).
    debounceMs: Math.max(0, o.engineDebounceMs - VSCODE_TYPING_DELAY_MS) / scale,
  };
  const attribution = new RequestAttribution();
  const stream = attribution.wrap(streamCompletion);
  try {
    if (provider !== 'engine') {
      const naive = provider === 'naive' ? new NaiveProvider(stream) : undefined;
      const sim: SimProvider =
        naive ??
        (provider === 'continue'
          ? new DebounceAbortProvider(stream, CONTINUE_DEBOUNCE_MS / scale)
          : new SerialNoAbortProvider(stream, LLAMA_POLL_MS / scale));
      const typing = await simulateTyping(file, sim, attribution, settings, typist);
      await naive?.drain();
      // Requests never aborted (llama) are billed to their end: wait for them.
      await server.idle(30_000);
      return summarize(scenario, provider, typing, server.ledger, attribution);
    }

    const engine = new CompletionEngine({ stream, endpointFor });
    const reports: RequestReport[] = [];
    engine.onDidFinishRequest.on((r) => reports.push(r));
    const sim: SimProvider = {
      complete: (input, signal) => engine.complete(input, signal),
    };
    const typing = await simulateTyping(file, sim, attribution, settings, typist);
    // The last answer streams on after the user stops typing, and is billed: wait for it.
    await server.idle();
    engine.dispose();
    const run = summarize(scenario, provider, typing, server.ledger, attribution);
    run.clientSeenTokens = sum(reports.map((r) => r.usage?.total_tokens ?? 0));
    return run;
  } finally {
    await server.close();
  }
}

function summarize(
  scenario: EconomyScenario,
  provider: ProviderName,
  typing: TypingResult,
  ledger: readonly BilledRequest[],
  attribution: RequestAttribution,
): EconomyRun {
  const promptTokens = sum(ledger.map((b) => b.promptTokens));
  const completionTokens = sum(ledger.map((b) => b.completionTokens));
  return {
    scenario: scenario.name,
    provider,
    typing,
    requests: ledger.length,
    disconnects: ledger.filter((b) => b.disconnected).length,
    promptTokens,
    completionTokens,
    billedTokens: promptTokens + completionTokens,
    multilineRequests: ledger.filter((b) => b.multiline).length,
    wrongAnswers: ledger.filter((b) => b.wrong).length,
    unattributed: attribution.unattributed,
  };
}
