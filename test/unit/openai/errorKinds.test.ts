import * as assert from 'node:assert/strict';
import type { CompletionErrorKind } from '../../../src/core/completionError';
import { kindForServerError, kindForStatus } from '../../../src/openai/errorKinds';
import type { ServerErrorInfo } from '../../../src/openai/serverErrorBody';

describe('kindForStatus', () => {
  const cases: [number, CompletionErrorKind][] = [
    [400, 'bad-request'], [422, 'bad-request'], [401, 'unauthorized'], [403, 'forbidden'], [404, 'not-found'],
    [429, 'rate-limited'], [500, 'server'], [503, 'server'], [599, 'server'], [301, 'http'], [418, 'http'], [600, 'http'],
  ];
  for (const [status, kind] of cases) it(`${status} → ${kind}`, () => assert.equal(kindForStatus(status), kind));
});

describe('kindForServerError', () => {
  const cases: [ServerErrorInfo, CompletionErrorKind][] = [
    [{ status: 401 }, 'unauthorized'],
    [{ status: 200, type: 'invalid_request_error' }, 'bad-request'],
    [{ code: 'invalid_api_key' }, 'unauthorized'],
    [{ type: 'authentication_error' }, 'unauthorized'],
    [{ type: 'permission_denied' }, 'forbidden'],
    [{ code: 'rate_limit_exceeded' }, 'rate-limited'],
    [{ code: 'insufficient_quota' }, 'rate-limited'],
    [{ code: 'model_not_found' }, 'not-found'],
    [{ code: 'context_length_exceeded' }, 'bad-request'],
    [{ type: 'BadRequestError' }, 'bad-request'],
    [{ message: 'context shift is disabled' }, 'server'],
  ];
  for (const [info, kind] of cases) it(`${JSON.stringify(info)} → ${kind}`, () => assert.equal(kindForServerError(info), kind));
});
