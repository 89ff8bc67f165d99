import * as assert from 'node:assert/strict';
import { CompletionError } from '../../../src/core/completionError';
import { proxyConnectError } from '../../../src/openai/proxyTunnelErrors';
import { parseProxyUrl } from '../../../src/openai/proxyUrl';

const PROXY = parseProxyUrl('http://bob:hunter2@127.0.0.1:3128');

function withCode(code: string, message = 'x'): Error {
  return Object.assign(new Error(message), { code });
}

describe('proxyConnectError', () => {
  // [error, kind, message, copied code]; the real-proxy cases (refused, 407, 502, silent) are in proxy.test.ts.
  const cases: [err: Error, kind: string, message: string, code: string | undefined][] = [
    [withCode('ECONNRESET'), 'network', 'Could not connect to the proxy 127.0.0.1:3128: the proxy closed the connection (ECONNRESET).', 'ECONNRESET'],
    [withCode('EHOSTUNREACH'), 'network', 'Could not connect to the proxy 127.0.0.1:3128: host unreachable (EHOSTUNREACH).', 'EHOSTUNREACH'],
    [withCode('ENOTFOUND'), 'network', 'Could not resolve the host name of the proxy 127.0.0.1:3128 (ENOTFOUND).', 'ENOTFOUND'],
    [withCode('ERR_TLS_CERT_ALTNAME_INVALID'), 'network', 'The certificate of the proxy 127.0.0.1:3128 is for another host name (ERR_TLS_CERT_ALTNAME_INVALID); check http.proxy.', undefined],
    [withCode('UND_ERR_CONNECT_TIMEOUT'), 'timeout', 'Could not connect to the proxy 127.0.0.1:3128 in time (connect timeout).', undefined],
    // Only the connect phase is a proxy timeout; undici's own codes are not copied (it would retry on them).
    [withCode('UND_ERR_HEADERS_TIMEOUT'), 'network', 'The connection to the proxy 127.0.0.1:3128 failed (UND_ERR_HEADERS_TIMEOUT).', undefined],
    [withCode('UND_ERR_SOCKET'), 'network', 'The connection to the proxy 127.0.0.1:3128 failed (UND_ERR_SOCKET).', undefined],
    [new Error('odd\nfailure'), 'network', 'The connection to the proxy 127.0.0.1:3128 failed (odd failure).', undefined],
  ];
  for (const [err, kind, message, code] of cases) {
    it(`${(err as { code?: string }).code ?? err.message} → ${kind}`, () => {
      const out = proxyConnectError(err, PROXY);
      assert.ok(out instanceof CompletionError);
      assert.equal(out.kind, kind);
      assert.equal(out.message, message);
      assert.equal(out.code, code);
      assert.equal(out.cause, err);
    });
  }

  it('returns cancellations unchanged, so the transport reports them as cancellations', () => {
    const abort = withCode('UND_ERR_ABORTED');
    assert.equal(proxyConnectError(abort, PROXY), abort);
  });
});
