import * as assert from 'node:assert/strict';
import { countTokens as reference } from 'gpt-tokenizer/cjs/encoding/cl100k_base';
import {
  contextWindowForModel,
  countTokens,
  fitTokenBudget,
  SPECIAL_TOKEN_MARGIN,
  warmUpTokenizer,
} from '../../../../src/core/plan/tokenBudget';

/** Source-like text: `n` distinct lines. */
function code(n: number, from = 0): string {
  const lines: string[] = [];
  for (let i = from; i < from + n; i++) {
    lines.push(`    const item${i} = await fetchRecord(${i}, { retries: ${i % 5}, label: "row-${i * 7}" });`);
  }
  return lines.join('\n');
}

const tokens = (s: string): number => reference(s, { disallowedSpecial: new Set() });

describe('fitTokenBudget', () => {
  before(() => warmUpTokenizer());

  it('leaves a context that fits untouched, with exact counts', () => {
    const prefix = 'def add(a, b):\n    return ';
    const suffix = '\n\nprint(add(1, 2))\n';
    const r = fitTokenBudget(prefix, suffix, { contextTokens: 4096, maxTokens: 256, suffixShare: 0.25 });
    assert.deepEqual(r, { prefix, suffix, prefixTokens: tokens(prefix), suffixTokens: tokens(suffix) });
  });

  it('cuts the prefix from its start at a line boundary and fills the budget', () => {
    const prefix = `${code(400)}\n    const last = `;
    const budget = { contextTokens: 1000, maxTokens: 200, suffixShare: 0.25 };
    const r = fitTokenBudget(prefix, '', budget);
    const available = 1000 - 200 - SPECIAL_TOKEN_MARGIN;
    assert.ok(prefix.endsWith(r.prefix), 'keeps the text nearest the cursor');
    assert.equal(prefix[prefix.length - r.prefix.length - 1], '\n', 'starts at the beginning of a line');
    assert.equal(r.prefixTokens, tokens(r.prefix));
    assert.ok(r.prefixTokens <= available);
    // One more line would not have fitted: the budget is used, not wasted.
    const start = prefix.length - r.prefix.length;
    const withOneMore = prefix.slice(prefix.lastIndexOf('\n', start - 2) + 1);
    assert.ok(tokens(withOneMore) > available);
  });

  it('cuts the suffix from its end at a line boundary, within its share', () => {
    const suffix = `);\n${code(400)}`;
    const r = fitTokenBudget('x = f(', suffix, { contextTokens: 2048, maxTokens: 48, suffixShare: 0.25 });
    assert.ok(suffix.startsWith(r.suffix), 'keeps the text nearest the cursor');
    assert.ok(r.suffix.endsWith('\n'), 'ends at the end of a line');
    assert.equal(r.suffixTokens, tokens(r.suffix));
    // The prefix is tiny, so its unused share flows to the suffix.
    assert.ok(r.suffixTokens > 0.25 * (2048 - 48 - SPECIAL_TOKEN_MARGIN));
    assert.ok(r.prefixTokens + r.suffixTokens <= 2048 - 48 - SPECIAL_TOKEN_MARGIN);
  });

  it('gives the suffix its share when both sides are long, and the rest to the prefix', () => {
    const r = fitTokenBudget(code(500), code(500, 1000), { contextTokens: 4096, maxTokens: 128, suffixShare: 0.25 });
    const available = 4096 - 128 - SPECIAL_TOKEN_MARGIN;
    assert.ok(r.suffixTokens <= Math.floor(available * 0.25));
    assert.ok(r.suffixTokens > available * 0.25 - 40, 'suffix uses its share up to the last whole line');
    assert.ok(r.prefixTokens > available * 0.75 - 40, 'prefix uses the rest');
    assert.ok(r.prefixTokens + r.suffixTokens <= available);
  });

  it('hands the unused suffix share to the prefix', () => {
    const suffix = '\n}\n';
    const r = fitTokenBudget(code(500), suffix, { contextTokens: 4096, maxTokens: 128, suffixShare: 0.5 });
    assert.equal(r.suffix, suffix);
    assert.ok(r.prefixTokens > 4096 - 128 - SPECIAL_TOKEN_MARGIN - tokens(suffix) - 40);
  });

  const budgets: Array<[contextTokens: number, maxTokens: number, suffixShare: number]> = [
    [4096, 128, 0.25],
    [4096, 2000, 0],
    [16384, 500, 0.5],
    [512, 100, 1],
    [300, 256, 0.25],
  ];
  for (const [contextTokens, maxTokens, suffixShare] of budgets) {
    it(`never exceeds the budget (${contextTokens} window, ${maxTokens} for the answer, suffix share ${suffixShare})`, () => {
      const r = fitTokenBudget(code(3000), code(3000, 5000), { contextTokens, maxTokens, suffixShare });
      assert.equal(r.prefixTokens, tokens(r.prefix));
      assert.equal(r.suffixTokens, tokens(r.suffix));
      assert.ok(r.prefixTokens + r.suffixTokens <= contextTokens - maxTokens - SPECIAL_TOKEN_MARGIN);
      assert.ok(r.prefix.length > 0);
    });
  }

  it('cuts a single enormous line (minified code) mid-line instead of dropping it', () => {
    const minified = 'function a(b){return b*2}var c=a(3);'.repeat(3000);
    const r = fitTokenBudget(minified, minified, { contextTokens: 1024, maxTokens: 24, suffixShare: 0.25 });
    assert.ok(minified.endsWith(r.prefix) && minified.startsWith(r.suffix));
    assert.ok(r.prefixTokens > 500 && r.suffixTokens > 100, `${r.prefixTokens}/${r.suffixTokens}`);
    assert.ok(r.prefixTokens + r.suffixTokens <= 1024 - 24 - SPECIAL_TOKEN_MARGIN);
    assert.equal(r.prefixTokens, tokens(r.prefix));
  });

  it('counts special-token text in the document as plain text instead of throwing', () => {
    const prefix = 'const END = "<|endoftext|>";\nconst x = ';
    const r = fitTokenBudget(prefix, '', { contextTokens: 4096, maxTokens: 16 });
    assert.equal(r.prefix, prefix);
    assert.equal(r.prefixTokens, tokens(prefix));
  });

  it('returns nothing when the answer leaves no room for a prompt', () => {
    const r = fitTokenBudget('abc', 'def', { contextTokens: 100, maxTokens: 100 });
    assert.deepEqual(r, { prefix: '', suffix: '', prefixTokens: 0, suffixTokens: 0 });
  });

  it('takes a few milliseconds for a 200 KB prefix', () => {
    const prefix = code(2600);
    assert.ok(prefix.length > 200_000);
    fitTokenBudget(prefix, '', { contextTokens: 4096, maxTokens: 128 }); // warm caches
    const started = performance.now();
    for (let i = 0; i < 10; i++) fitTokenBudget(prefix, prefix, { contextTokens: 4096, maxTokens: 128 });
    const each = (performance.now() - started) / 10;
    assert.ok(each < 25, `${each.toFixed(1)} ms per call`);
  });
});

describe('countTokens', () => {
  it('agrees with cl100k_base', () => {
    for (const s of ['', 'hello world', '    return a + b;\n', '日本語のコメント', '\n\n\n']) {
      assert.equal(countTokens(s), tokens(s), JSON.stringify(s));
    }
  });
});

describe('contextWindowForModel', () => {
  const cases: Array<[model: string, overrides: Record<string, number>, expected: number]> = [
    ['gpt-3.5-turbo-instruct', {}, 4096],
    ['gpt-3.5-turbo-instruct-0914', {}, 4096],
    ['davinci-002', {}, 16384],
    ['babbage-002', {}, 16384],
    ['ft:davinci-002:my-org::abc123', {}, 16384],
    ['qwen2.5-coder:7b', {}, 4096],
    ['qwen2.5-coder:7b', { 'qwen2.5-coder:7b': 32768 }, 32768],
    ['davinci-002', { 'davinci-002': 8000 }, 8000],
    ['ft:davinci-002:my-org::abc123', { 'davinci-002': 8000 }, 8000],
    ['my-deployment', { 'my-deployment': 0 }, 4096],
    ['toString', {}, 4096],
  ];
  for (const [model, overrides, expected] of cases) {
    it(`${model} ${JSON.stringify(overrides)} → ${expected}`, () => {
      assert.equal(contextWindowForModel(model, overrides), expected);
    });
  }
});
