import * as assert from 'node:assert/strict';
import { otherJsonMessage, readServerError, type ServerErrorInfo } from '../../../src/openai/serverErrorBody';

describe('readServerError', () => {
  const cases: [name: string, value: unknown, bareAllowed: boolean, expected: ServerErrorInfo | undefined][] = [
    ['OpenAI / Azure / Ollama', { error: { message: 'm', type: 't', param: 'suffix', code: 'c' } }, false, { message: 'm', type: 't', param: 'suffix', code: 'c' }],
    ['null param and code are left out', { error: { message: 'm', param: null, code: null } }, false, { message: 'm' }],
    ['llama.cpp numeric code is a status', { error: { code: 500, message: 'm', type: 'server_error' } }, false, { message: 'm', type: 'server_error', status: 500 }],
    ['error as a string', { error: 'text' }, false, { message: 'text' }],
    ['error as something else', { error: 42 }, false, { message: '42' }],
    ['old vLLM {object: "error"}', { object: 'error', message: 'm', code: 400 }, false, { message: 'm', status: 400 }],
    ['bare object only when allowed', { message: 'm', type: 't' }, true, { message: 'm', type: 't' }],
    ['bare object otherwise ignored', { message: 'm', type: 't' }, false, undefined],
    ['a completion chunk is not an error', { choices: [] }, false, undefined],
    ['error: null is not an error', { error: null, choices: [] }, false, undefined],
    ['not an object', ['error'], true, undefined],
  ];
  for (const [name, value, bareAllowed, expected] of cases) {
    it(name, () => assert.deepEqual(readServerError(value, bareAllowed), expected));
  }
});

describe('otherJsonMessage', () => {
  it('reads FastAPI {"detail"} and a top-level {"message"}, nothing else', () => {
    assert.equal(otherJsonMessage('{"detail":"Not Found"}'), 'Not Found');
    assert.equal(otherJsonMessage('{"message":"nope"}'), 'nope');
    assert.equal(otherJsonMessage('{"detail":{"loc":[]}}'), undefined);
    assert.equal(otherJsonMessage('["detail"]'), undefined);
    assert.equal(otherJsonMessage('<html>'), undefined);
  });
});
