import * as assert from 'node:assert/strict';
import { cachedTokenCount } from '../../../../src/core/context/tokenCountCache';
import { countTokens } from '../../../../src/core/plan/tokenBudget';

describe('cachedTokenCount', () => {
  const cases = ['', 'def f():\n    return 1\n', '// a comment\n', '<|endoftext|> is plain text here'];
  for (const text of cases) {
    it(JSON.stringify(text), () => {
      assert.equal(cachedTokenCount(text), countTokens(text));
      assert.equal(cachedTokenCount(text), countTokens(text), 'the same when remembered');
    });
  }
});
