import * as assert from 'node:assert/strict';
import { Agent, request } from 'undici';
import { classifyNetworkError, errorCode, type NetworkFailure } from '../../../src/openai/networkError';
import { deadPort } from '../../support/fakeOpenAI';

function withCode(code: string, message = 'x'): Error {
  return Object.assign(new Error(message), { code });
}

/** The failure without its wording function, plus what that function says for each peer. */
function summary(f: NetworkFailure): Record<string, unknown> {
  if (f.type === 'unreachable' || f.type === 'closed') {
    return { type: f.type, code: f.code, server: f.reason('server'), proxy: f.reason('proxy') };
  }
  return { ...f };
}

describe('classifyNetworkError', () => {
  const abort = new Error('This operation was aborted');
  abort.name = 'AbortError';
  const cases: [name: string, err: unknown, expected: Record<string, unknown>][] = [
    // cancellations
    ['undici abort', withCode('UND_ERR_ABORTED'), { type: 'aborted', code: 'UND_ERR_ABORTED' }],
    ['Node abort', withCode('ABORT_ERR'), { type: 'aborted', code: 'ABORT_ERR' }],
    ['AbortError by name, no code', abort, { type: 'aborted', code: undefined }],
    // timeouts, by phase
    ['undici connect timeout', withCode('UND_ERR_CONNECT_TIMEOUT'), { type: 'timeout', code: 'UND_ERR_CONNECT_TIMEOUT', phase: 'connect' }],
    ['OS connect timeout', withCode('ETIMEDOUT'), { type: 'timeout', code: 'ETIMEDOUT', phase: 'connect' }],
    ['headers timeout', withCode('UND_ERR_HEADERS_TIMEOUT'), { type: 'timeout', code: 'UND_ERR_HEADERS_TIMEOUT', phase: 'firstByte' }],
    ['body timeout', withCode('UND_ERR_BODY_TIMEOUT'), { type: 'timeout', code: 'UND_ERR_BODY_TIMEOUT', phase: 'idle' }],
    // no connection
    ['refused', withCode('ECONNREFUSED'), { type: 'unreachable', code: 'ECONNREFUSED', server: 'connection refused; is the server running?', proxy: 'connection refused; is the proxy running?' }],
    ['host unreachable', withCode('EHOSTUNREACH'), { type: 'unreachable', code: 'EHOSTUNREACH', server: 'host unreachable', proxy: 'host unreachable' }],
    ['network unreachable', withCode('ENETUNREACH'), { type: 'unreachable', code: 'ENETUNREACH', server: 'network unreachable', proxy: 'network unreachable' }],
    ['address not available', withCode('EADDRNOTAVAIL'), { type: 'unreachable', code: 'EADDRNOTAVAIL', server: 'address not available', proxy: 'address not available' }],
    // the peer hung up
    ['reset', withCode('ECONNRESET'), { type: 'closed', code: 'ECONNRESET', server: 'the server closed the connection', proxy: 'the proxy closed the connection' }],
    ['broken pipe', withCode('EPIPE'), { type: 'closed', code: 'EPIPE', server: 'the server closed the connection', proxy: 'the proxy closed the connection' }],
    // name resolution
    ['unknown host', withCode('ENOTFOUND'), { type: 'dns', code: 'ENOTFOUND' }],
    ['DNS try again', withCode('EAI_AGAIN'), { type: 'dns', code: 'EAI_AGAIN' }],
    ['no such name', withCode('EAI_NONAME'), { type: 'dns', code: 'EAI_NONAME' }],
    // certificates
    ['self-signed', withCode('DEPTH_ZERO_SELF_SIGNED_CERT'), { type: 'tls', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }],
    ['self-signed in chain', withCode('SELF_SIGNED_CERT_IN_CHAIN'), { type: 'tls', code: 'SELF_SIGNED_CERT_IN_CHAIN' }],
    ['expired', withCode('CERT_HAS_EXPIRED'), { type: 'tls', code: 'CERT_HAS_EXPIRED' }],
    ['wrong name', withCode('ERR_TLS_CERT_ALTNAME_INVALID'), { type: 'tls', code: 'ERR_TLS_CERT_ALTNAME_INVALID' }],
    ['no issuer', withCode('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), { type: 'tls', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }],
    // anything else keeps its code for the message
    ['undici socket error', withCode('UND_ERR_SOCKET'), { type: 'other', code: 'UND_ERR_SOCKET' }],
    ['no code at all', new Error('boom'), { type: 'other' }],
    ['not an Error', 'boom', { type: 'other' }],
    ['numeric code is not a code', Object.assign(new Error('x'), { code: 20 }), { type: 'other' }],
    // codes found inside wrappers
    ['code in cause', new Error('fetch failed', { cause: withCode('ECONNREFUSED') }), { type: 'unreachable', code: 'ECONNREFUSED', server: 'connection refused; is the server running?', proxy: 'connection refused; is the proxy running?' }],
    ['happy-eyeballs AggregateError', new AggregateError([withCode('ENETUNREACH'), withCode('ECONNREFUSED')]), { type: 'unreachable', code: 'ENETUNREACH', server: 'network unreachable', proxy: 'network unreachable' }],
  ];
  for (const [name, err, expected] of cases) {
    it(`${name} → ${String(expected.type)}`, () => {
      assert.deepEqual(summary(classifyNetworkError(err)), expected);
    });
  }

  it('classifies the error undici really gives for a closed port on 127.0.0.1', async () => {
    const port = await deadPort();
    const agent = new Agent();
    try {
      const err = await request(`http://127.0.0.1:${port}/`, { dispatcher: agent }).then(
        () => assert.fail('expected a connection failure'),
        (e: unknown) => e,
      );
      assert.equal(classifyNetworkError(err).type, 'unreachable');
      assert.equal(errorCode(err), 'ECONNREFUSED');
    } finally {
      await agent.destroy();
    }
  });
});

describe('errorCode', () => {
  it('stops after a few levels of nesting', () => {
    const deep = { cause: { cause: { cause: { cause: { code: 'ECONNREFUSED' } } } } };
    assert.equal(errorCode(deep), undefined);
    assert.equal(errorCode({ cause: { cause: { cause: { code: 'ECONNREFUSED' } } } }), 'ECONNREFUSED');
  });

  it('is undefined for values that are not objects', () => {
    assert.equal(errorCode(undefined), undefined);
    assert.equal(errorCode(null), undefined);
    assert.equal(errorCode('ECONNREFUSED'), undefined);
  });
});
