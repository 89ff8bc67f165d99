// What the engine tests share: a real engine with the real client, a loopback fake server per
// test, settings that point at it with a short debounce, and the reports of finished requests.

import { CompletionEngine, type RequestReport } from '../../../../src/core/engine';
import type { CompletionInput } from '../../../../src/core/input/completionInput';
import { endpointFor } from '../../../../src/core/endpointConfig';
import { DEFAULT_SETTINGS, type CompletionSettings } from '../../../../src/core/settings';
import { streamCompletion } from '../../../../src/openai/client';
import { startFakeOpenAI, type FakeOpenAI } from '../../../support/fakeOpenAI';
import { inputAtCursor } from '../../../support/cursorFixture';

export interface EngineHarness {
  server: FakeOpenAI;
  engine: CompletionEngine;
  settings: CompletionSettings;
  reports: RequestReport[];
}

/** Call inside a `describe`: `onStart` receives each test's fresh engine, server and settings. */
export function useEngine(onStart: (h: EngineHarness) => void): void {
  let current: EngineHarness | undefined;
  beforeEach(async () => {
    const server = await startFakeOpenAI();
    const settings: CompletionSettings = {
      ...DEFAULT_SETTINGS,
      provider: 'openai-compatible',
      baseUrl: server.baseUrl,
      debounceMs: 30,
      timeouts: { connectMs: 2000, firstByteMs: 2000, idleMs: 2000 },
    };
    const engine = new CompletionEngine({ stream: streamCompletion, endpointFor });
    const reports: RequestReport[] = [];
    engine.onDidFinishRequest.on((r) => reports.push(r));
    current = { server, engine, settings, reports };
    onStart(current);
  });
  afterEach(async () => {
    current?.engine.dispose();
    await current?.server.close();
    current = undefined;
  });
}

/** A document with a cursor marker, as the editor adapter would describe it. */
export function inputAt(docWithCursor: string, settings: CompletionSettings, extra: Partial<CompletionInput> = {}): CompletionInput {
  const input = inputAtCursor(docWithCursor, settings, { uri: 'file:///project/add.py', apiKey: 'sk-test-engine' });
  return { ...input, ...extra };
}

/** A signal nobody aborts: the editor keeps waiting for the answer. */
export const live = () => new AbortController();
