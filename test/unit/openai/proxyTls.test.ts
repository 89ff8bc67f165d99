// An https server behind a CONNECT proxy: http.proxyStrictSSL decides whether a certificate the
// machine does not trust is refused, and the key travels inside TLS, never in the CONNECT.

import * as assert from 'node:assert/strict';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { streamCompletion } from '../../../src/openai/client';
import { proxyAgentFor } from '../../../src/openai/proxy';
import type { CompletionRequest } from '../../../src/core/ports';
import { completionChunk, fakeEndpoint, sseData, type FakeOpenAI } from '../../support/fakeOpenAI';
import { makeTestCertificates, type TestCertificates } from '../../support/testCertificates';
import { streamedText as collect, streamFailure as failure } from '../../support/streamAssertions';
import type { TestProxy } from './connectProxy';
import { useServerBehindProxy } from './useServerBehindProxy';

const KEY = 'sk-test-AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const REQ: CompletionRequest = { model: 'gpt-3.5-turbo-instruct', prompt: 'function add(a, b) {\n', maxTokens: 32 };

describe('streamCompletion to an https server through a CONNECT proxy (http.proxyStrictSSL)', () => {
  let server: FakeOpenAI;
  let proxy: TestProxy;
  let certificates: TestCertificates | undefined;
  let tlsServer: https.Server | undefined;
  let tlsPort = 0;
  let tlsRequests = 0;
  let tlsAuthorization: string | undefined;

  useServerBehindProxy((started, startedProxy) => ((server = started), (proxy = startedProxy)));

  before(function () {
    try {
      certificates = makeTestCertificates();
    } catch {
      this.skip(); // no openssl: nothing to serve https with
    }
  });

  beforeEach(async () => {
    tlsRequests = 0;
    // Signed by a throwaway CA this machine does not trust.
    tlsServer = https.createServer({ key: certificates!.key, cert: certificates!.cert }, (req, res) => {
      tlsRequests++;
      tlsAuthorization = req.headers.authorization;
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(sseData(completionChunk([{ index: 0, text: 'over ' }])));
        res.write(sseData(completionChunk([{ index: 0, text: 'TLS' }])));
        res.write(sseData(completionChunk([{ index: 0, text: '', finish_reason: 'stop' }])));
        res.end(sseData('[DONE]'));
      });
    });
    await new Promise<void>((r) => tlsServer!.listen(0, '127.0.0.1', () => r()));
    tlsPort = (tlsServer.address() as AddressInfo).port;
  });

  afterEach(async () => {
    tlsServer?.closeAllConnections();
    await new Promise<void>((r) => (tlsServer ? tlsServer.close(() => r()) : r()));
  });

  after(() => certificates?.remove());

  it('strictSSL true: the untrusted target certificate is refused through the tunnel', async () => {
    const err = await failure(
      streamCompletion(REQ, fakeEndpoint(server, '', { baseUrl: `https://127.0.0.1:${tlsPort}/v1`, dispatcher: proxyAgentFor(proxy.url, true) })),
      'network',
    );
    assert.match(err.message, /certificate/i);
    assert.equal(proxy.connects.length, 1);
    assert.equal(proxy.connects[0]!.target, `127.0.0.1:${tlsPort}`);
    assert.equal(tlsRequests, 0);
  });

  it('strictSSL false: requestTls.rejectUnauthorized=false lets it through the tunnel', async () => {
    const text = await collect(
      streamCompletion(REQ, fakeEndpoint(server, KEY, { baseUrl: `https://127.0.0.1:${tlsPort}/v1`, dispatcher: proxyAgentFor(proxy.url, false) })),
    );
    assert.equal(text, 'over TLS');
    assert.equal(proxy.connects.length, 1);
    assert.equal(proxy.connects[0]!.target, `127.0.0.1:${tlsPort}`);
    assert.equal(tlsRequests, 1);
    // The key travels inside TLS through the tunnel: the server has it, the proxy's CONNECT does not.
    assert.equal(tlsAuthorization, `Bearer ${KEY}`);
    assert.equal(proxy.connects[0]!.headers.authorization, undefined);
  });
});
