// The layer rule must really bite: a core file that imports the client or vscode, or a client
// file that imports vscode, fails `npm run lint` (which `npm test` runs first).

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { projectRoot } from '../../support/projectRoot';

/** Lints `code` as if it were the content of `file` (an existing file, so the TypeScript project knows it). */
async function problemsIn(file: string, code: string): Promise<string[]> {
  const root = projectRoot();
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

describe('layer rule (ESLint)', function () {
  // The first lint builds a TypeScript program for the type-aware rules.
  this.timeout(60_000);

  it('refuses a core file that imports the OpenAI client', async () => {
    const problems = await problemsIn('src/core/ports.ts', "import { streamCompletion } from '../openai/client';\nexport const s = streamCompletion;\n");
    assert.ok(problems.some((p) => p.startsWith('no-restricted-imports')), problems.join('\n'));
  });

  it('refuses a core file that imports vscode', async () => {
    const problems = await problemsIn('src/core/redact.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n");
    assert.ok(problems.some((p) => p.startsWith('no-restricted-imports')), problems.join('\n'));
  });

  it('refuses a client file that imports vscode, and lets it import core', async () => {
    const bad = await problemsIn('src/openai/client.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n");
    assert.ok(bad.some((p) => p.startsWith('no-restricted-imports')), bad.join('\n'));
    const good = await problemsIn('src/openai/client.ts', "import type { StreamFn } from '../core/ports';\nexport type S = StreamFn;\n");
    assert.deepEqual(good.filter((p) => p.startsWith('no-restricted-imports')), []);
  });

  it('refuses a dropped promise', async () => {
    const problems = await problemsIn('src/vscode/log.ts', 'async function save(): Promise<void> {}\nexport function onClick(): void {\n  save();\n}\n');
    assert.ok(problems.some((p) => p.startsWith('@typescript-eslint/no-floating-promises')), problems.join('\n'));
  });
});
