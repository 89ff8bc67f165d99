import * as assert from 'node:assert/strict';
import { CompletionError } from '../../../../src/core/completionError';
import { planRequest } from '../../../../src/core/plan/requestPlan';
import { reportOf } from '../../../../src/core/report/requestReport';
import { Flight } from '../../../../src/core/reuse/flight';
import { flightKeyOf } from '../../../../src/core/reuse/flightKey';
import { DEFAULT_SETTINGS } from '../../../../src/core/settings';
import { inputAtCursor } from '../../../support/cursorFixture';

describe('reportOf: what a request cost', () => {
  const input = inputAtCursor('def add(a, b):\n    █', DEFAULT_SETTINGS);
  const plan = planRequest(input, true, 1);
  const flight = (): Flight => {
    const f = new Flight(flightKeyOf(input), 1, 0, false);
    f.choices[0]!.text = 'return a + b';
    return f;
  };

  it("counts the server's usage when it sent one", () => {
    const f = flight();
    f.usage = { prompt_tokens: 7, completion_tokens: 5, total_tokens: 12 };
    const report = reportOf(f, plan, 'm', 10);
    assert.deepEqual(report.usage, f.usage);
    assert.equal(report.usageEstimated, false);
  });

  it('estimates a stream that ended without usage (closed at a stop, or a server that sends none)', () => {
    const report = reportOf(flight(), plan, 'm', 10);
    assert.equal(report.usageEstimated, true);
    assert.equal(report.usage?.prompt_tokens, plan.promptTokens + plan.suffixTokens);
    assert.ok((report.usage?.completion_tokens ?? 0) > 0);
  });

  it('says how long gathering context held the request back, and nothing when none was gathered', () => {
    const withContext = planRequest({ ...input, context: { path: 'a.py', snippets: [], gatherMs: 12.6 } }, true, 1);
    assert.equal(reportOf(flight(), withContext, 'm', 10).contextMs, 13);
    assert.equal(reportOf(flight(), plan, 'm', 10).contextMs, undefined);
  });

  it('counts nothing for a request the server refused', () => {
    const f = flight();
    f.error = new CompletionError('bad-request', 'no');
    assert.equal(reportOf(f, plan, 'm', 10).usage, undefined);
  });
});
