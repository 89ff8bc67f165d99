import * as assert from 'node:assert/strict';
import { withContext } from '../../../../src/core/context/contextStage';
import type { GatheredContext } from '../../../../src/core/context/types';
import type { CompletionInput } from '../../../../src/core/input/completionInput';
import { DEFAULT_SETTINGS } from '../../../../src/core/settings';

const GATHERED: GatheredContext = { path: 'a.py', snippets: [] };
const input = (over: Partial<CompletionInput>, enable = true): CompletionInput => ({
  editorKey: 'k', languageId: 'python', offset: 0, prefix: '', suffix: '', linePrefix: '', lineSuffix: '', nextLines: [], explicit: false,
  settings: { ...DEFAULT_SETTINGS, context: { ...DEFAULT_SETTINGS.context, enable } },
  ...over,
});

describe('withContext', () => {
  const cases: Array<{ name: string; input: CompletionInput; context: GatheredContext | undefined; calls: number }> = [
    { name: 'adds what the source gathers', input: input({}), context: GATHERED, calls: 1 },
    { name: 'asks nothing when context is off', input: input({}, false), context: undefined, calls: 0 },
    { name: 'no source, no context', input: input({ contextSource: undefined }), context: undefined, calls: 0 },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      let calls = 0;
      const given = 'contextSource' in c.input ? c.input : { ...c.input, contextSource: { gather: async () => (calls++, GATHERED) } };
      const out = await withContext(given, new AbortController().signal);
      assert.equal(out.context, c.context);
      assert.equal(calls, c.calls);
    });
  }

  it('sends the file alone when gathering fails', async () => {
    const given = input({ contextSource: { gather: () => Promise.reject(new Error('server gone')) } });
    assert.equal((await withContext(given, new AbortController().signal)).context, undefined);
  });
});
