import * as assert from 'node:assert/strict';
import { languageName } from '../../../src/core/languageNames';

describe('languageName', () => {
  const cases: Array<[string, string]> = [
    ['python', 'Python'],
    ['cpp', 'C++'],
    ['typescriptreact', 'TypeScript JSX'],
    ['shellscript', 'Shell Script'],
    ['my-dsl', 'my-dsl'],
    ['toString', 'toString'],
  ];
  for (const [id, name] of cases) it(`${id} → ${name}`, () => assert.equal(languageName(id), name));
});
