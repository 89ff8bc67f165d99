// OpenAI's official JSON Schemas (2020-12) from test/fixtures, compiled once with ajv.

import * as fs from 'node:fs';
import * as path from 'node:path';
const Ajv2020 = require('ajv/dist/2020') as typeof import('ajv/dist/2020').default;

export type SchemaName =
  | 'CreateCompletionRequest'
  | 'CreateCompletionResponse'
  | 'CreateCompletionStreamChunk'
  | 'ErrorResponse';

function fixturesDir(): string {
  // Compiled to out/test/unit/openai; the fixtures stay in the source tree.
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'test', 'fixtures', 'openai-schemas');
    if (fs.existsSync(path.join(candidate, 'CreateCompletionRequest.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('test/fixtures/openai-schemas not found');
}

// The spec uses formats ajv does not know ("unixtime", "int64"); they carry no constraint for these tests.
const ajv = new Ajv2020({ allErrors: true, strict: true, formats: { unixtime: true, int64: true, date: true } });
const cache = new Map<SchemaName, ReturnType<typeof ajv.compile>>();

export function schema(name: SchemaName): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(fixturesDir(), `${name}.json`), 'utf8'));
}

/** Validation errors as readable strings; [] when valid. */
export function validate(name: SchemaName, data: unknown): string[] {
  let v = cache.get(name);
  if (!v) {
    v = ajv.compile(schema(name));
    cache.set(name, v);
  }
  if (v(data)) return [];
  return (v.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`);
}
