// Every credential (the key and any ghostComplete.headers value) is treated alike: sendable or a config error,
// never in clear text past this machine or through a proxy, and masked by value in every message.

import * as assert from 'node:assert/strict';
import { streamCompletion } from '../../../src/openai/client';
import { proxyAgentFor, proxyUrlFor } from '../../../src/openai/proxy';
import type { CompletionRequest, EndpointConfig } from '../../../src/core/ports';
import { sendError, fakeEndpoint, type FakeOpenAI } from '../../support/fakeOpenAI';
import type { TestProxy } from './connectProxy';
import { useServerBehindProxy } from './useServerBehindProxy';
import { streamedText as collect, streamFailure as failure } from '../../support/streamAssertions';

const KEY = 'sk-test-AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const GATEWAY = 'gw-cred-7f3a9c1e5b2d8f4a6c0e';
const REQ: CompletionRequest = { model: 'gpt-3.5-turbo-instruct', prompt: 'x', maxTokens: 16 };

describe('credentials (the key and every custom header value)', () => {
  let server: FakeOpenAI;
  let proxy: TestProxy;

  function config(over: Partial<EndpointConfig> = {}): EndpointConfig {
    return fakeEndpoint(server, '', over);
  }

  useServerBehindProxy((started, startedProxy) => ((server = started), (proxy = startedProxy)));

  it('refuses the key over plain http through a proxy, even to 127.0.0.1 (insecure-url), before any I/O', async () => {
    // HTTP_PROXY set and the loopback server not in NO_PROXY: the tunnel's bytes, key included, pass the proxy.
    const chosen = proxyUrlFor(server.baseUrl, { env: { HTTP_PROXY: proxy.url } });
    assert.equal(chosen, proxy.url);
    const err = await failure(streamCompletion(REQ, config({ apiKey: KEY, dispatcher: proxyAgentFor(chosen!, true) })), 'insecure-url');
    assert.match(err.message, /through a proxy/);
    assert.match(err.message, /https/);
    assert.match(err.message, /no_proxy/);
    assert.doesNotMatch(err.message, new RegExp(KEY));
    assert.ok(!err.retryable);
    // A custom header value counts as a credential too.
    const viaHeader = { headers: { 'X-Gateway-Credential': 'gw-secret-0123456789' }, dispatcher: proxyAgentFor(chosen!, true) };
    const err2 = await failure(streamCompletion(REQ, config(viaHeader)), 'insecure-url');
    assert.match(err2.message, /x-gateway-credential/);
    assert.doesNotMatch(err2.message, /gw-secret/);
    assert.equal(proxy.connects.length, 0);
    assert.equal(server.requestCount, 0);
    // NO_PROXY covering the host: direct, so the loopback exception applies and the key is sent.
    const direct = proxyUrlFor(server.baseUrl, { env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
    assert.equal(direct, undefined);
    assert.equal(await collect(streamCompletion(REQ, config({ apiKey: KEY }))), 'Hello, world!');
    assert.equal(server.requests[0]!.headers.authorization, `Bearer ${KEY}`);
    assert.equal(proxy.connects.length, 0);
  });

  it('a custom header value is never sent over plain http to a non-loopback host, whatever its name', async () => {
    const headers = { 'X-Gateway-Credential': GATEWAY };
    const err = await failure(streamCompletion(REQ, config({ baseUrl: 'http://completions.invalid/v1', headers })), 'insecure-url');
    assert.match(err.message, /custom header "x-gateway-credential"/);
    assert.doesNotMatch(err.message, /gw-cred/);
    // Loopback, direct: allowed.
    assert.equal(await collect(streamCompletion(REQ, config({ headers }))), 'Hello, world!');
    assert.equal(server.requests[0]!.headers['x-gateway-credential'], GATEWAY);
  });

  it('a custom header value echoed by the server is masked by value, whatever the header is called', async () => {
    server.setHandler((ctx) => sendError(ctx, 401, { message: `Gateway credential ${GATEWAY} is not valid for this route` }));
    const err = await failure(streamCompletion(REQ, config({ headers: { 'X-Gateway-Credential': GATEWAY } })), 'unauthorized');
    for (const text of [err.message, err.serverMessage ?? '', err.stack ?? '']) assert.doesNotMatch(text, /gw-cred|7f3a9c1e/, text);
    assert.match(err.message, /Gateway credential \*\*\* is not valid/);
  });

  const unsendable: [string, Partial<EndpointConfig>, RegExp][] = [
    ['a newline inside the key', { apiKey: 'sk-test-Abc\nDefGhijklmnop' }, /API key/],
    ['a non-Latin-1 character in the key', { apiKey: 'sk-test-Abc\u2028Defghijklmnop' }, /API key/],
    ['a non-Latin-1 character in a header value', { headers: { 'X-Team': 'hush€hush' } }, /"x-team"/],
    ['a control character in a header value', { headers: { 'X-Team': 'hush\u0007hush' } }, /"x-team"/],
  ];
  for (const [what, over, names] of unsendable) {
    it(`${what} is an invalid-config error (not retryable, value not shown), before any I/O`, async () => {
      const err = await failure(streamCompletion(REQ, config(over)), 'invalid-config');
      assert.ok(!err.retryable);
      assert.match(err.message, names);
      assert.doesNotMatch(err.message, /Abc|Def|hush/);
      assert.equal(server.requestCount, 0);
    });
  }
});
