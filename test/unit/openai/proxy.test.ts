import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { ProxyAgent } from 'undici';
import { streamCompletion } from '../../../src/openai/client';
import { CompletionError } from '../../../src/core/completionError';
import { closeProxyAgents, proxyAgentFor, proxyUrlFor } from '../../../src/openai/proxy';
import type { CompletionRequest, EndpointConfig } from '../../../src/core/ports';
import {
  deadPort,
  streamChunks,
  fakeEndpoint,
  type FakeOpenAI,
} from '../../support/fakeOpenAI';
import { basic, startConnectProxy, type TestProxy } from './connectProxy';
import { useServerBehindProxy } from './useServerBehindProxy';
import { streamedText as collect, streamFailure as failure } from '../../support/streamAssertions';

const KEY = 'sk-test-AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const REQ: CompletionRequest = { model: 'gpt-3.5-turbo-instruct', prompt: 'function add(a, b) {\n', maxTokens: 32 };

describe('streamCompletion through a CONNECT proxy (127.0.0.1 only)', () => {
  let server: FakeOpenAI;
  let proxy: TestProxy;

  // No key by default: a credential never goes over plain http through a proxy (see the insecure-url test);
  // tests that need the key pass it explicitly, direct or over https.
  function config(over: Partial<EndpointConfig> = {}): EndpointConfig {
    return fakeEndpoint(server, '', over);
  }

  useServerBehindProxy((started, startedProxy) => ((server = started), (proxy = startedProxy)));

  it('tunnels an http target with CONNECT 127.0.0.1:port; the text arrives intact', async () => {
    server.setHandler((ctx) => streamChunks(ctx, { choices: [['Hel', 'lo', ', wor', 'ld', ' ✓ 😀']], delayMs: 5 }));
    const text = await collect(streamCompletion(REQ, config({ dispatcher: proxyAgentFor(proxy.url, true) })));
    assert.equal(text, 'Hello, world ✓ 😀');
    // undici's ProxyAgent tunnels http targets too (proxyTunnel: true): no forward-proxy request.
    assert.equal(proxy.connects.length, 1);
    assert.equal(proxy.connects[0]!.target, `127.0.0.1:${server.port}`);
    assert.equal(proxy.connects[0]!.proxyAuthorization, undefined);
    assert.equal(proxy.connects[0]!.headers.authorization, undefined);
    assert.equal(proxy.plainRequests.length, 0);
    // The request itself reached the server through the tunnel; plain http through a proxy carries no key.
    assert.equal(server.requestCount, 1);
    assert.equal(server.requests[0]!.path, '/v1/completions');
    assert.equal(server.requests[0]!.headers.authorization, undefined);
  });

  it('reuses one cached agent per proxy URL and strictness', async () => {
    const a = proxyAgentFor(proxy.url, true);
    assert.ok(a instanceof ProxyAgent);
    assert.equal(proxyAgentFor(`${proxy.url}/`, true), a);
    assert.notEqual(proxyAgentFor(proxy.url, false), a);
    // A second completion may ride the same kept-alive tunnel; either way both go through the proxy.
    assert.equal(await collect(streamCompletion(REQ, config({ dispatcher: a }))), 'Hello, world!');
    assert.equal(await collect(streamCompletion(REQ, config({ dispatcher: a }))), 'Hello, world!');
    assert.ok(proxy.connects.length >= 1 && proxy.connects.length <= 2);
    assert.equal(server.requestCount, 2);
  });

  it('aborting mid-stream closes the tunnel, and the server sees the disconnect', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    server.setHandler((ctx) =>
      streamChunks(ctx, { choices: [['first', ' second', ' third']], beforeChunk: (i) => (i === 1 ? gate : undefined) }),
    );
    const controller = new AbortController();
    const gen = streamCompletion(REQ, config({ dispatcher: proxyAgentFor(proxy.url, true) }), controller.signal);
    const first = await gen.next();
    assert.deepEqual(first.value, { type: 'delta', index: 0, text: 'first' });
    const pending = gen.next();
    controller.abort();
    await assert.rejects(pending, (err: unknown) => err instanceof CompletionError && err.kind === 'aborted');
    await server.waitForDisconnects(1);
    await proxy.waitForClosedTunnels(1);
    release();
    // undici (7.30, direct connections too) opens one fresh idle connection after a socket is destroyed
    // mid-request; through the proxy that is a second CONNECT, which carries no request.
    assert.ok(proxy.connects.length >= 1, `${proxy.connects.length} CONNECTs`);
    for (const c of proxy.connects) assert.equal(c.target, `127.0.0.1:${server.port}`);
    assert.equal(server.requestCount, 1);
  });

  it('NO_PROXY exempting the server means a direct connection: the proxy sees nothing', async () => {
    const env = { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost, 127.0.0.1' };
    const proxyUrl = proxyUrlFor(server.baseUrl, { env });
    assert.equal(proxyUrl, undefined);
    const dispatcher = proxyUrl ? proxyAgentFor(proxyUrl, true) : undefined;
    assert.equal(await collect(streamCompletion(REQ, config({ apiKey: KEY, dispatcher }))), 'Hello, world!');
    assert.equal(proxy.connects.length, 0);
    assert.equal(proxy.plainRequests.length, 0);
    assert.equal(server.requestCount, 1);
    // Without the exemption the same environment sends it through the proxy (loopback is not special).
    const proxied = proxyUrlFor(server.baseUrl, { env: { HTTP_PROXY: proxy.url } });
    assert.equal(proxied, proxy.url);
    assert.equal(await collect(streamCompletion(REQ, config({ dispatcher: proxyAgentFor(proxied!, true) }))), 'Hello, world!');
    assert.equal(proxy.connects.length, 1);
  });

  describe('with credentials', () => {
    let authProxy: TestProxy;
    const EXPECTED = basic('al@ice', 'pa:ss w0rd!');

    beforeEach(async () => {
      authProxy = await startConnectProxy({ requireAuth: EXPECTED });
    });
    afterEach(async () => {
      await closeProxyAgents();
      await authProxy.close();
    });

    it('sends Proxy-Authorization: Basic with the percent-decoded user and password', async () => {
      const url = `http://al%40ice:pa%3Ass%20w0rd!@127.0.0.1:${authProxy.port}`;
      const chosen = proxyUrlFor(server.baseUrl, { proxy: url });
      assert.equal(chosen, url);
      assert.equal(await collect(streamCompletion(REQ, config({ dispatcher: proxyAgentFor(chosen!, true) }))), 'Hello, world!');
      assert.equal(authProxy.connects.length, 1);
      assert.equal(authProxy.connects[0]!.proxyAuthorization, EXPECTED);
      assert.equal(authProxy.connects[0]!.target, `127.0.0.1:${server.port}`);
      // The proxy credentials go to the proxy only, never to the server.
      assert.equal(server.requests[0]!.headers['proxy-authorization'], undefined);
    });

    it('a proxy asking for credentials (407) is an invalid-config error, not a cancellation', async () => {
      const err = await failure(streamCompletion(REQ, config({ dispatcher: proxyAgentFor(authProxy.url, true) })), 'invalid-config');
      assert.match(err.message, new RegExp(`proxy 127\\.0\\.0\\.1:${authProxy.port} requires authentication \\(407\\)`));
      assert.match(err.message, /user:password@host:port/);
      assert.equal(server.requestCount, 0);
    });

    it('a proxy offering only Negotiate / NTLM: says that scheme is not supported', async () => {
      const sspi = await startConnectProxy({ requireAuth: EXPECTED, challenges: ['Negotiate', 'NTLM'] });
      try {
        const err = await failure(streamCompletion(REQ, config({ dispatcher: proxyAgentFor(sspi.url, true) })), 'invalid-config');
        assert.match(err.message, /asks for Negotiate \/ NTLM authentication, which is not supported/);
      } finally {
        await sspi.close();
      }
    });

    it('a proxy offering Negotiate and Basic: asks for a user name and password', async () => {
      const mixed = await startConnectProxy({ requireAuth: EXPECTED, challenges: ['Negotiate', 'Basic realm="corp"'] });
      try {
        const err = await failure(streamCompletion(REQ, config({ dispatcher: proxyAgentFor(mixed.url, true) })), 'invalid-config');
        assert.match(err.message, /user:password@host:port/);
        assert.doesNotMatch(err.message, /not supported/);
      } finally {
        await mixed.close();
      }
    });

    it('wrong credentials: 407 naming the rejection, without the password', async () => {
      const url = `http://al%40ice:hunter2-wrong@127.0.0.1:${authProxy.port}`;
      const err = await failure(streamCompletion(REQ, config({ dispatcher: proxyAgentFor(url, true) })), 'invalid-config');
      assert.match(err.message, /rejected the user name and password/);
      assert.doesNotMatch(err.message, /hunter2/);
      assert.doesNotMatch(err.stack ?? '', /hunter2/);
      assert.equal(authProxy.connects[0]!.proxyAuthorization, basic('al@ice', 'hunter2-wrong'));
    });
  });

  it('a dead proxy port is a network error naming the proxy, without its credentials', async () => {
    const port = await deadPort();
    const err = await failure(
      streamCompletion(REQ, config({ dispatcher: proxyAgentFor(`http://bob:hunter2@127.0.0.1:${port}`, true) })),
      'network',
    );
    assert.match(err.message, new RegExp(`proxy 127\\.0\\.0\\.1:${port}`));
    assert.match(err.message, /ECONNREFUSED/);
    assert.equal(err.code, 'ECONNREFUSED');
    assert.ok(err.retryable);
    assert.doesNotMatch(err.message, /hunter2|bob/);
    assert.equal(server.requestCount, 0);
  });

  it('a proxy refusing the tunnel (502) is a network error naming proxy and target', async () => {
    const refusing = await startConnectProxy({ refuseWith: 502 });
    try {
      const err = await failure(streamCompletion(REQ, config({ dispatcher: proxyAgentFor(refusing.url, true) })), 'network');
      assert.match(err.message, new RegExp(`proxy 127\\.0\\.0\\.1:${refusing.port} refused to open a tunnel to 127\\.0\\.0\\.1:${server.port} \\(HTTP 502\\)`));
      assert.equal(refusing.connects.length, 1);
      assert.equal(server.requestCount, 0);
    } finally {
      await refusing.close();
    }
  });

  describe('a proxy that accepts the connection but never answers the CONNECT', () => {
    let silent: net.Server;
    let silentPort = 0;
    const held = new Set<net.Socket>();

    beforeEach(async () => {
      silent = net.createServer((s) => {
        held.add(s);
        s.on('error', () => undefined);
        s.on('close', () => held.delete(s));
        s.resume();
      });
      await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
      silentPort = (silent.address() as net.AddressInfo).port;
    });
    afterEach(async () => {
      await closeProxyAgents();
      for (const s of held) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    });

    it('is a connect timeout', async () => {
      const dispatcher = proxyAgentFor(`http://127.0.0.1:${silentPort}`, true);
      const err = await failure(
        streamCompletion(REQ, config({ dispatcher, timeouts: { connectMs: 150, firstByteMs: 2000, idleMs: 2000 } })),
        'timeout',
      );
      assert.equal(err.timeoutPhase, 'connect');
    });

    it('a cancellation while the tunnel is being opened stays a cancellation', async () => {
      const controller = new AbortController();
      const gen = streamCompletion(REQ, config({ dispatcher: proxyAgentFor(`http://127.0.0.1:${silentPort}`, true) }), controller.signal);
      setTimeout(() => controller.abort(), 50);
      await failure(gen, 'aborted');
    });
  });

  it('an unusable proxy URL fails each request with invalid-config, before any I/O', async () => {
    for (const bad of ['http://bob:hunter2@127.0.0.1:99999', 'socks5://127.0.0.1:1080', 'http://']) {
      const dispatcher = proxyAgentFor(bad, true);
      const err = await failure(streamCompletion(REQ, config({ dispatcher })), 'invalid-config');
      assert.match(err.message, /^The proxy "/);
      assert.doesNotMatch(err.message, /hunter2/);
      await dispatcher.close();
    }
    assert.equal(server.requestCount, 0);
    assert.equal(proxy.connects.length, 0);
  });
});
