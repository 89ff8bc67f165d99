// package.json's settings (what the Settings UI shows and offers) must say what the engine
// accepts: the same defaults, the same choices, the same limits.

import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { CHOICES, NUMBER_BOUNDS, SETTING_FIELD } from '../../../src/core/settingsSchema';
import { readProjectFile } from '../../support/projectRoot';

interface Contributed {
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  type?: string | string[];
}

function contributedSettings(): Map<string, Contributed> {
  const manifest = JSON.parse(readProjectFile('package.json'));
  const sections = [manifest.contributes.configuration].flat();
  const out = new Map<string, Contributed>();
  for (const section of sections) {
    for (const [id, schema] of Object.entries(section.properties as Record<string, Contributed>)) {
      out.set(id.replace(/^ghostComplete\./, ''), schema);
    }
  }
  return out;
}

/** The engine's default for a setting key (`timeouts.idleMs` → DEFAULT_SETTINGS.timeouts.idleMs). */
function engineDefault(key: string): unknown {
  const path = (SETTING_FIELD[key] ?? key).split('.');
  return path.reduce<unknown>((obj, part) => (obj as Record<string, unknown>)?.[part], DEFAULT_SETTINGS);
}

function leafKeys(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    k === 'timeouts' || k === 'context' ? leafKeys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('package.json settings against core', () => {
  const contributed = contributedSettings();

  it('every contributed setting has the engine\'s default', () => {
    for (const [key, schema] of contributed) {
      assert.deepEqual(schema.default, engineDefault(key), `ghostComplete.${key}`);
    }
  });

  it('every engine setting is contributed (the Settings UI shows it)', () => {
    const fieldToKey = new Map(Object.entries(SETTING_FIELD).map(([k, f]) => [f, k]));
    for (const field of leafKeys(DEFAULT_SETTINGS as unknown as Record<string, unknown>)) {
      const key = fieldToKey.get(field) ?? field;
      assert.ok(contributed.has(key), `ghostComplete.${key} is missing from package.json`);
    }
  });

  it('numeric limits and whole-number types match the validator', () => {
    for (const [key, bounds] of Object.entries(NUMBER_BOUNDS)) {
      const schema = contributed.get(key);
      assert.ok(schema, `ghostComplete.${key} is contributed`);
      assert.equal(schema.minimum, bounds.min, `ghostComplete.${key} minimum`);
      assert.equal(schema.maximum, bounds.max, `ghostComplete.${key} maximum`);
      assert.equal(schema.type, bounds.integer ? 'integer' : 'number', `ghostComplete.${key} type`);
    }
  });

  it('choices match the validator', () => {
    for (const [key, values] of Object.entries(CHOICES)) {
      assert.deepEqual(contributed.get(key)?.enum, [...values], `ghostComplete.${key} enum`);
    }
  });
});
