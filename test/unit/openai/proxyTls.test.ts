// An https server behind a CONNECT proxy: http.proxyStrictSSL decides whether a certificate the
// machine does not trust is refused, and the key travels inside TLS, never in the CONNECT.

import * as assert from 'node:assert/strict';
import { streamCompletion } from '../../../src/openai/client';
import { proxyAgentFor } from '../../../src/openai/proxy';
import type { CompletionRequest } from '../../../src/core/ports';
import { fakeEndpoint, startFakeOpenAI, streamChunks, type FakeContext, type FakeOpenAI } from '../../support/fakeOpenAI';
import { makeTestCertificates, type TestCertificates } from '../../support/testCertificates';
import { streamedText as collect, streamFailure as failure } from '../../support/streamAssertions';
import type { TestProxy } from './connectProxy';
import { useServerBehindProxy } from './useServerBehindProxy';

const KEY = 'sk-test-AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const REQ: CompletionRequest = { model: 'gpt-3.5-turbo-instruct', prompt: 'function add(a, b) {\n', maxTokens: 32 };

describe('streamCompletion to an https server through a CONNECT proxy (http.proxyStrictSSL)', () => {
  let proxy: TestProxy;
  let certificates: TestCertificates | undefined;
  let tlsServer: FakeOpenAI | undefined;

  useServerBehindProxy((_, startedProxy) => (proxy = startedProxy));

  before(function () {
    try {
      certificates = makeTestCertificates();
    } catch {
      this.skip(); // no openssl: nothing to serve https with
    }
  });

  beforeEach(async () => {
    // Signed by a throwaway CA this machine does not trust.
    const answer = (ctx: FakeContext) => streamChunks(ctx, { choices: [['over ', 'TLS']] });
    tlsServer = await startFakeOpenAI(answer, { tls: { key: certificates!.key, cert: certificates!.cert } });
  });

  afterEach(async () => {
    await tlsServer?.close();
  });

  after(() => certificates?.remove());

  it('strictSSL true: the untrusted target certificate is refused through the tunnel', async () => {
    const server = tlsServer!;
    const err = await failure(streamCompletion(REQ, fakeEndpoint(server, '', { dispatcher: proxyAgentFor(proxy.url, true) })), 'network');
    assert.match(err.message, /certificate/i);
    assert.equal(proxy.connects.length, 1);
    assert.equal(proxy.connects[0]!.target, `127.0.0.1:${server.port}`);
    assert.equal(server.requestCount, 0);
  });

  it('strictSSL false: requestTls.rejectUnauthorized=false lets it through the tunnel', async () => {
    const server = tlsServer!;
    const text = await collect(streamCompletion(REQ, fakeEndpoint(server, KEY, { dispatcher: proxyAgentFor(proxy.url, false) })));
    assert.equal(text, 'over TLS');
    assert.equal(proxy.connects.length, 1);
    assert.equal(proxy.connects[0]!.target, `127.0.0.1:${server.port}`);
    assert.equal(server.requestCount, 1);
    // The key travels inside TLS through the tunnel: the server has it, the proxy's CONNECT does not.
    assert.equal(server.requests[0]!.headers.authorization, `Bearer ${KEY}`);
    assert.equal(proxy.connects[0]!.headers.authorization, undefined);
  });
});
