import * as assert from 'node:assert/strict';
import { postProcessCompletion, type PostProcessContext } from '../../../../src/core/postprocess/postProcess';
import { fixtures } from './postProcessFixtures';

/** Splits a fixture document at `█` into what the editor adapter passes in. */
function at(code: string): { before: string; after: string; ctx: Omit<PostProcessContext, 'multiline'> } {
  const i = code.indexOf('█');
  assert.ok(i !== -1, 'fixture needs a █ cursor');
  const before = code.slice(0, i);
  const after = code.slice(i + 1);
  const rest = after.split('\n');
  return {
    before,
    after,
    ctx: { linePrefix: before.slice(before.lastIndexOf('\n') + 1), lineSuffix: rest[0], nextLines: rest.slice(1, 4) },
  };
}

describe('postProcessCompletion', () => {
  it('has fixtures in python, typescript and go', () => {
    assert.ok(fixtures.length >= 20);
    for (const lang of ['python', 'typescript', 'go']) assert.ok(fixtures.some((f) => f.name.startsWith(lang)), lang);
  });

  for (const f of fixtures) {
    it(f.name, () => {
      const { before, after, ctx } = at(f.code);
      const result = postProcessCompletion(f.raw, {
        ...ctx,
        multiline: f.multiline,
        indentUnit: f.indentUnit,
        eol: f.eol,
      });
      if (f.expect === 'dropped') {
        assert.equal(result, undefined);
        return;
      }
      assert.deepEqual(result, { text: f.expect.ghost, replaceSuffixChars: f.expect.replace });
      // The contract: the text ends with exactly the characters it replaces.
      assert.ok(result.text.endsWith(ctx.lineSuffix.slice(0, result.replaceSuffixChars)));
      if (f.accepted !== undefined) {
        assert.equal(before + result.text + after.slice(result.replaceSuffixChars), f.accepted);
      }
    });
  }

  it('only ever shortens the model output (without re-indentation)', () => {
    for (const f of fixtures) {
      const { ctx } = at(f.code);
      const result = postProcessCompletion(f.raw, { ...ctx, multiline: f.multiline });
      if (result) assert.ok(f.raw.replace(/\r\n/g, '\n').startsWith(result.text), f.name);
    }
  });
});
