import * as assert from 'node:assert/strict';
import { type EnableSettings, type EnableWrite, enabledFor, planEnable } from '../../../src/core/enablement';

/** Applies writes the way VS Code stores them, so sequences can be checked end to end. */
function apply(settings: EnableSettings, writes: EnableWrite[]): EnableSettings {
  let global = settings.global;
  const overrides = { ...settings.overrides };
  for (const w of writes) {
    if (w.languageId === undefined) global = w.value ?? true;
    else if (w.value === undefined) delete overrides[w.languageId];
    else overrides[w.languageId] = w.value;
  }
  return { global, overrides };
}

const fresh: EnableSettings = { global: true, overrides: {} };

describe('planEnable', () => {
  it('Disable for a language writes one override', () => {
    assert.deepEqual(planEnable(fresh, false, 'python'), [{ languageId: 'python', value: false }]);
  });

  it('Enable for a language removes an override that would repeat the global value', () => {
    const s = { global: true, overrides: { python: false } };
    assert.deepEqual(planEnable(s, true, 'python'), [{ languageId: 'python', value: undefined }]);
  });

  it('Enable for a language while globally off writes an override', () => {
    assert.deepEqual(planEnable({ global: false, overrides: {} }, true, 'python'), [{ languageId: 'python', value: true }]);
  });

  it('global Disable writes false and removes overrides that keep a language on', () => {
    const s = { global: true, overrides: { python: true, go: false } };
    assert.deepEqual(planEnable(s, false), [
      { value: false },
      { languageId: 'python', value: undefined },
      { languageId: 'go', value: undefined },
    ]);
  });

  it('global Enable removes the user value (it equals the default) and keeps a language switched off', () => {
    const s = { global: false, overrides: { python: false, go: true } };
    assert.deepEqual(planEnable(s, true), [{ value: undefined }, { languageId: 'go', value: undefined }]);
  });

  it('the fault from the issue: Disable for, Enable for, then Disable leaves Python off', () => {
    let s = fresh;
    s = apply(s, planEnable(s, false, 'python'));
    s = apply(s, planEnable(s, true, 'python'));
    assert.deepEqual(s, fresh, 'Enable for python must leave no override behind');
    s = apply(s, planEnable(s, false));
    assert.equal(enabledFor(s, 'python'), false);
    assert.equal(enabledFor(s, 'javascript'), false);
  });

  it('any order of switches: the last one for a language wins, the last global one for the rest', () => {
    type Step = { enabled: boolean; languageId?: string };
    const steps: Step[] = [
      { enabled: false, languageId: 'python' },
      { enabled: true, languageId: 'python' },
      { enabled: false },
      { enabled: true },
    ];
    // Every sequence of up to four switches.
    const sequences: Step[][] = [[]];
    for (let len = 0; len < 4; len++) {
      for (const seq of sequences.filter((q) => q.length === len)) for (const step of steps) sequences.push([...seq, step]);
    }
    for (const seq of sequences) {
      let s = fresh;
      // The rule: a language switch that differs from the global one holds until the next global
      // Disable; the global switch decides the rest.
      let own: boolean | undefined;
      let globalOn = true;
      for (const step of seq) {
        s = apply(s, planEnable(s, step.enabled, step.languageId));
        if (step.languageId) own = step.enabled === globalOn ? undefined : step.enabled;
        else {
          globalOn = step.enabled;
          if (!step.enabled || own === true) own = undefined;
        }
        const python: boolean = own ?? globalOn;
        const other: boolean = globalOn;
        const name = JSON.stringify(seq);
        assert.equal(enabledFor(s, 'python'), python, `python after ${name}`);
        assert.equal(enabledFor(s, 'javascript'), other, `javascript after ${name}`);
        for (const value of Object.values(s.overrides)) assert.notEqual(value, s.global, `a redundant override after ${name}`);
      }
    }
  });

  it('writes nothing when nothing changes', () => {
    assert.deepEqual(planEnable(fresh, true, 'python'), []);
  });
});
