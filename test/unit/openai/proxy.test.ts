import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Duplex } from 'node:stream';
import { ProxyAgent } from 'undici';
import { streamCompletion } from '../../../src/openai/client';
import { CompletionError, type CompletionErrorKind } from '../../../src/core/completionError';
import {
  bypassesProxy,
  closeProxyAgents,
  parseProxyUrl,
  proxyAgentFor,
  proxyUrlFor,
  redactProxyUrl,
  type ProxyOptions,
} from '../../../src/openai/proxy';
import { closeAgents } from '../../../src/openai/transport';
import type { CompletionRequest, EndpointConfig, StreamEvent } from '../../../src/core/ports';
import {
  completionChunk,
  deadPort,
  sseData,
  startFakeOpenAI,
  streamChunks,
  fakeEndpoint,
  type FakeOpenAI,
} from '../../support/fakeOpenAI';

const KEY = 'sk-test-AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const REQ: CompletionRequest = { model: 'gpt-3.5-turbo-instruct', prompt: 'function add(a, b) {\n', maxTokens: 32 };

// ------------------------------------------------------------------------------------------------ NO_PROXY

describe('bypassesProxy (NO_PROXY)', () => {
  const cases: [noProxy: string | string[] | undefined, target: string, expected: boolean][] = [
    [undefined, 'https://api.openai.com/v1', false],
    ['', 'https://api.openai.com/v1', false],
    [' , ,', 'https://api.openai.com/v1', false],
    // `*`, alone or in a list
    ['*', 'https://api.openai.com/v1', true],
    ['internal.corp, *', 'https://api.openai.com/v1', true],
    // exact host and every subdomain, not a mere textual suffix
    ['openai.com', 'https://openai.com/v1', true],
    ['openai.com', 'https://api.openai.com/v1', true],
    ['openai.com', 'https://notopenai.com/v1', false],
    ['openai.com', 'https://openai.com.evil.net/v1', false],
    ['api.openai.com', 'https://openai.com/v1', false],
    // leading `.` or `*.`: the domain and its subdomains (curl ignores the leading dot)
    ['.openai.com', 'https://api.openai.com/v1', true],
    ['.openai.com', 'https://openai.com/v1', true],
    ['*.openai.com', 'https://api.openai.com/v1', true],
    ['*.openai.com', 'https://a.b.openai.com/v1', true],
    ['*.openai.com', 'https://xopenai.com/v1', false],
    // case-insensitive, trailing dots ignored
    ['API.OpenAI.COM', 'https://api.openai.com/v1', true],
    ['api.openai.com', 'https://API.OPENAI.COM/v1', true],
    ['api.openai.com.', 'https://api.openai.com/v1', true],
    ['api.openai.com', 'https://api.openai.com./v1', true],
    // optional :port, compared with the target's effective port
    ['api.openai.com:443', 'https://api.openai.com/v1', true],
    ['api.openai.com:8443', 'https://api.openai.com/v1', false],
    ['api.openai.com:8443', 'https://api.openai.com:8443/v1', true],
    ['example.com:80', 'http://example.com/v1', true],
    ['example.com:80', 'https://example.com/v1', false],
    ['.example.com:8080', 'http://gw.example.com:8080', true],
    // separators: commas and/or white space
    ['a.com b.com', 'https://b.com', true],
    ['a.com,\tb.com ,, c.com\n d.com', 'https://d.com', true],
    ['a.com,\tb.com ,, c.com\n d.com', 'https://e.com', false],
    [['a.com', 'b.com c.com'], 'https://c.com', true],
    // localhost and loopback are proxied unless listed (curl); names are text, not resolved
    ['example.com', 'http://localhost:8080/v1', false],
    ['example.com', 'http://127.0.0.1:8080/v1', false],
    ['example.com', 'http://[::1]:8080/v1', false],
    ['localhost', 'http://localhost:8080/v1', true],
    ['localhost', 'http://127.0.0.1:8080/v1', false],
    ['127.0.0.1', 'http://localhost:8080/v1', false],
    ['127.0.0.1', 'http://127.0.0.1:8080/v1', true],
    ['127.0.0.1', 'http://127.0.0.2:8080/v1', false],
    ['127.0.0.1:8080', 'http://127.0.0.1:8080/v1', true],
    ['127.0.0.1:9090', 'http://127.0.0.1:8080/v1', false],
    // IP entries match IP targets only as addresses, never as a textual suffix
    ['0.0.1', 'http://127.0.0.1:8080/v1', false],
    // CIDR ranges
    ['127.0.0.0/8', 'http://127.9.8.7/v1', true],
    ['10.0.0.0/8, 192.168.0.0/16', 'http://192.168.1.20:11434/v1', true],
    ['10.0.0.0/8', 'http://11.0.0.1/v1', false],
    ['10.0.0.0/99', 'http://10.0.0.1/v1', false],
    // IPv6: bare, in brackets, with a port, as a range, in any spelling
    ['::1', 'http://[::1]:8080/v1', true],
    ['[::1]', 'http://[::1]:8080/v1', true],
    ['[::1]:8080', 'http://[::1]:8080/v1', true],
    ['[::1]:9090', 'http://[::1]:8080/v1', false],
    ['0:0:0:0:0:0:0:1', 'http://[::1]/v1', true],
    ['[FE80::1]', 'http://[fe80::1]/v1', true],
    ['fe80::/10', 'http://[fe80::abcd]/v1', true],
    ['[fe80::]/10', 'http://[fe80::abcd]/v1', true],
    ['fe80::/10', 'http://[2001:db8::1]/v1', false],
    ['::1', 'http://127.0.0.1/v1', false],
    // garbage entries are ignored, not fatal
    ['[::1, api.openai.com', 'https://api.openai.com/v1', true],
    ['host:notaport, api.openai.com', 'https://api.openai.com/v1', true],
  ];
  for (const [noProxy, target, expected] of cases) {
    it(`${JSON.stringify(noProxy)} ${expected ? 'exempts' : 'does not exempt'} ${target}`, () => {
      assert.equal(bypassesProxy(new URL(target), noProxy), expected);
      assert.equal(bypassesProxy(target, noProxy), expected);
    });
  }

  it('does not throw on a target that is not a URL', () => {
    assert.equal(bypassesProxy('not a url', '*.example.com'), false);
  });
});

// ------------------------------------------------------------------------------------------------ choice

describe('proxyUrlFor', () => {
  const HTTPS = 'https://api.openai.com/v1';
  const HTTP = 'http://127.0.0.1:8080/v1';
  const cases: [name: string, target: string, options: ProxyOptions, expected: string | undefined][] = [
    ['nothing configured: direct', HTTPS, {}, undefined],
    ['nothing configured, env given: direct', HTTPS, { env: {} }, undefined],
    ['http.proxy alone', HTTPS, { proxy: 'http://setting:1' }, 'http://setting:1'],
    ['http.proxy wins over the environment', HTTPS, { proxy: 'http://setting:1', env: { HTTPS_PROXY: 'http://env:2', https_proxy: 'http://env:3', ALL_PROXY: 'http://env:4' } }, 'http://setting:1'],
    ['http.proxy applies to http targets too', HTTP, { proxy: 'http://setting:1', env: { http_proxy: 'http://env:2' } }, 'http://setting:1'],
    ['blank http.proxy means the environment', HTTPS, { proxy: '   ', env: { HTTPS_PROXY: 'http://env:2' } }, 'http://env:2'],
    ['http.proxy is trimmed', HTTPS, { proxy: '  http://setting:1/  ' }, 'http://setting:1'],
    // https targets: https_proxy, HTTPS_PROXY, all_proxy, ALL_PROXY
    ['https: https_proxy before HTTPS_PROXY', HTTPS, { env: { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' } }, 'http://lower:1'],
    ['https: HTTPS_PROXY', HTTPS, { env: { HTTPS_PROXY: 'http://upper:2', ALL_PROXY: 'http://all:3' } }, 'http://upper:2'],
    ['https: HTTPS_PROXY before all_proxy', HTTPS, { env: { HTTPS_PROXY: 'http://upper:2', all_proxy: 'http://all:3' } }, 'http://upper:2'],
    ['https: all_proxy before ALL_PROXY', HTTPS, { env: { all_proxy: 'http://all:3', ALL_PROXY: 'http://ALL:4' } }, 'http://all:3'],
    ['https: ALL_PROXY', HTTPS, { env: { ALL_PROXY: 'http://ALL:4' } }, 'http://all:4'],
    ['https: HTTP_PROXY is not for https (curl)', HTTPS, { env: { HTTP_PROXY: 'http://h:1', http_proxy: 'http://h:2' } }, undefined],
    ['https: HTTP_PROXY is not for https, ALL_PROXY is', HTTPS, { env: { HTTP_PROXY: 'http://h:1', ALL_PROXY: 'http://all:4' } }, 'http://all:4'],
    ['https: an empty https_proxy counts as unset', HTTPS, { env: { https_proxy: '', HTTPS_PROXY: 'http://upper:2' } }, 'http://upper:2'],
    // http targets: http_proxy, HTTP_PROXY, all_proxy, ALL_PROXY
    ['http: http_proxy before HTTP_PROXY', HTTP, { env: { http_proxy: 'http://lower:1', HTTP_PROXY: 'http://upper:2' } }, 'http://lower:1'],
    ['http: HTTP_PROXY', HTTP, { env: { HTTP_PROXY: 'http://upper:2', ALL_PROXY: 'http://all:3' } }, 'http://upper:2'],
    ['http: HTTPS_PROXY is not for http', HTTP, { env: { HTTPS_PROXY: 'http://s:1', https_proxy: 'http://s:2' } }, undefined],
    ['http: ALL_PROXY', HTTP, { env: { HTTPS_PROXY: 'http://s:1', ALL_PROXY: 'http://all:3' } }, 'http://all:3'],
    // NO_PROXY, also over http.proxy; loopback is proxied unless listed
    ['loopback target is proxied when not listed', HTTP, { env: { http_proxy: 'http://p:1' } }, 'http://p:1'],
    ['NO_PROXY exempts', HTTPS, { env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: '.openai.com' } }, undefined],
    ['no_proxy exempts', HTTPS, { env: { HTTPS_PROXY: 'http://p:1', no_proxy: 'api.openai.com' } }, undefined],
    ['no_proxy before NO_PROXY', HTTPS, { env: { HTTPS_PROXY: 'http://p:1', no_proxy: 'other.com', NO_PROXY: 'openai.com' } }, 'http://p:1'],
    ['NO_PROXY exempts from http.proxy too', HTTP, { proxy: 'http://setting:1', env: { NO_PROXY: '127.0.0.1' } }, undefined],
    ['NO_PROXY=* exempts everything', HTTPS, { proxy: 'http://setting:1', env: { NO_PROXY: '*' } }, undefined],
    ['NO_PROXY for another host', HTTPS, { env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'localhost,127.0.0.1' } }, 'http://p:1'],
    ['noProxy option (settings) exempts', HTTPS, { proxy: 'http://setting:1', noProxy: ['*.openai.com'] }, undefined],
    ['noProxy option adds to NO_PROXY', HTTP, { proxy: 'http://setting:1', noProxy: 'example.com', env: { NO_PROXY: '127.0.0.1' } }, undefined],
    // proxy URL forms
    ['no scheme means http://', HTTPS, { env: { HTTPS_PROXY: 'proxy.corp:3128' } }, 'http://proxy.corp:3128'],
    ['no scheme, with credentials', HTTPS, { env: { HTTPS_PROXY: 'bob:pw@proxy.corp:3128' } }, 'http://bob:pw@proxy.corp:3128'],
    ['https:// proxy', HTTPS, { proxy: 'https://proxy.corp:8443' }, 'https://proxy.corp:8443'],
    ['credentials are kept for the agent', HTTPS, { proxy: 'http://bob:s3cr%40t@proxy.corp:3128/' }, 'http://bob:s3cr%40t@proxy.corp:3128'],
    ['default port is dropped', HTTPS, { proxy: 'http://proxy.corp:80' }, 'http://proxy.corp'],
    ['an unusable proxy is returned as written (reported per request)', HTTPS, { proxy: 'http://proxy.corp:99999' }, 'http://proxy.corp:99999'],
    ['an unsupported scheme is returned as written', HTTPS, { env: { ALL_PROXY: 'socks5://127.0.0.1:1080' } }, 'socks5://127.0.0.1:1080'],
    // targets the endpoint code will reject: no proxy decision, no throw
    ['target that is not a URL', 'not a url', { proxy: 'http://setting:1' }, undefined],
    ['target that is not http(s)', 'ftp://example.com', { proxy: 'http://setting:1' }, undefined],
  ];
  for (const [name, target, options, expected] of cases) {
    it(name, () => {
      assert.equal(proxyUrlFor(target, options), expected);
    });
  }
});

describe('parseProxyUrl / redactProxyUrl', () => {
  it('turns credentials into a Basic token, percent-decoded, and strips them from the agent URL', () => {
    const p = parseProxyUrl('http://us%40er:p%3Ass%20w@proxy.corp:3128');
    assert.equal(p.token, `Basic ${Buffer.from('us@er:p:ss w').toString('base64')}`);
    assert.equal(p.url.href, 'http://proxy.corp:3128/');
    assert.equal(p.host, 'proxy.corp:3128');
    assert.equal(p.href, 'http://us%40er:p%3Ass%20w@proxy.corp:3128');
  });

  it('sends "user:" for a user name without a password (as curl does)', () => {
    assert.equal(parseProxyUrl('http://bob@proxy.corp:3128').token, `Basic ${Buffer.from('bob:').toString('base64')}`);
  });

  it('has no token without credentials', () => {
    const p = parseProxyUrl('proxy.corp:3128');
    assert.equal(p.token, undefined);
    assert.equal(p.url.href, 'http://proxy.corp:3128/');
  });

  const invalid: [raw: string, fragment: RegExp][] = [
    ['', /is empty/],
    ['http://', /not a valid URL/],
    ['http://bob:hunter2secret@proxy.corp:99999', /not a valid URL/],
    ['http://bob:hunter2secret@proxy .corp:3128', /not a valid URL/],
    ['socks5://bob:hunter2secret@127.0.0.1:1080', /socks5:\/\/.*not supported/],
    ['ftp://proxy.corp', /ftp:\/\/.*not supported/],
    ['http://bob:hunter2%ZZsecret@proxy.corp:3128', /percent-encoding/],
  ];
  for (const [raw, fragment] of invalid) {
    it(`rejects ${JSON.stringify(raw)} with 'invalid-config', without the password`, () => {
      assert.throws(
        () => parseProxyUrl(raw),
        (err: unknown) => {
          assert.ok(err instanceof CompletionError);
          assert.equal(err.kind, 'invalid-config');
          assert.match(err.message, fragment);
          assert.match(err.message, /http\.proxy|HTTPS_PROXY/);
          assert.doesNotMatch(err.message, /hunter2|secret/);
          assert.doesNotMatch(err.stack ?? '', /hunter2|secret/);
          return true;
        },
      );
    });
  }

  it('redacts credentials for logs', () => {
    assert.equal(redactProxyUrl('http://bob:hunter2@proxy.corp:3128'), 'http://***@proxy.corp:3128');
    assert.equal(redactProxyUrl('bob:hunter2@proxy.corp:3128'), '***@proxy.corp:3128');
    assert.equal(redactProxyUrl('http://bob:hun@ter2@proxy.corp:3128'), 'http://***@proxy.corp:3128');
    assert.equal(redactProxyUrl('http://proxy.corp:3128'), 'http://proxy.corp:3128');
  });
});

// ------------------------------------------------------------------------------------------------ a real proxy

interface ConnectRecord {
  /** host:port asked for in the CONNECT request line. */
  target: string;
  proxyAuthorization?: string;
  headers: http.IncomingHttpHeaders;
}

interface TestProxy {
  port: number;
  /** http://127.0.0.1:PORT */
  url: string;
  connects: ConnectRecord[];
  /** Requests that were not CONNECT (forward-proxy style "GET http://host/..."). */
  plainRequests: http.IncomingHttpHeaders[];
  /** Tunnels whose client side has closed. */
  readonly closedTunnels: number;
  waitForClosedTunnels(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

interface ProxyBehaviour {
  /** The exact Proxy-Authorization value required; others get 407. */
  requireAuth?: string;
  /** Proxy-Authenticate headers of the 407; default one Basic challenge. */
  challenges?: string[];
  /** Answer every CONNECT with this status instead of tunnelling. */
  refuseWith?: number;
}

/** A minimal CONNECT proxy on 127.0.0.1 that only tunnels to 127.0.0.1, recording what it is asked. */
async function startConnectProxy(behaviour: ProxyBehaviour = {}): Promise<TestProxy> {
  const connects: ConnectRecord[] = [];
  const plainRequests: http.IncomingHttpHeaders[] = [];
  const sockets = new Set<net.Socket | Duplex>();
  let closedTunnels = 0;

  const server = http.createServer((req, res) => {
    plainRequests.push(req.headers);
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('this test proxy only tunnels');
  });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req: http.IncomingMessage, client: Duplex, head: Buffer) => {
    sockets.add(client);
    const target = req.url ?? '';
    const proxyAuthorization = req.headers['proxy-authorization'];
    connects.push({ target, proxyAuthorization, headers: req.headers });
    client.on('error', () => undefined);
    const reply = (status: string, extra = ''): void => {
      client.end(`HTTP/1.1 ${status}\r\n${extra}Content-Length: 0\r\nConnection: close\r\n\r\n`);
    };
    if (behaviour.requireAuth !== undefined && proxyAuthorization !== behaviour.requireAuth) {
      const challenges = behaviour.challenges ?? ['Basic realm="test"'];
      reply('407 Proxy Authentication Required', challenges.map((c) => `Proxy-Authenticate: ${c}\r\n`).join(''));
      return;
    }
    if (behaviour.refuseWith !== undefined) {
      reply(`${behaviour.refuseWith} Refused`);
      return;
    }
    const m = /^127\.0\.0\.1:(\d+)$/.exec(target);
    if (!m) {
      reply('403 Forbidden');
      return;
    }
    let established = false;
    const upstream = net.connect(Number(m[1]), '127.0.0.1', () => {
      established = true;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => {
      if (!established) reply('502 Bad Gateway');
      else client.destroy();
    });
    // Either side closing closes the other: a client that goes away must reach the server.
    client.on('close', () => {
      closedTunnels++;
      upstream.destroy();
    });
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    connects,
    plainRequests,
    get closedTunnels() {
      return closedTunnels;
    },
    async waitForClosedTunnels(n, timeoutMs = 2000) {
      const deadline = Date.now() + timeoutMs;
      while (closedTunnels < n) {
        if (Date.now() > deadline) throw new Error(`test proxy: ${closedTunnels} closed tunnel(s), expected ${n}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

async function collect(gen: AsyncGenerator<StreamEvent>): Promise<string> {
  let text = '';
  for await (const ev of gen) if (ev.type === 'delta') text += ev.text;
  return text;
}

async function failure(gen: AsyncGenerator<StreamEvent>, kind: CompletionErrorKind): Promise<CompletionError> {
  try {
    for await (const ev of gen) void ev;
  } catch (err) {
    assert.ok(err instanceof CompletionError, `expected CompletionError, got ${String(err)}`);
    assert.equal(err.kind, kind, `kind ${err.kind}: ${err.message}`);
    return err;
  }
  assert.fail(`expected a CompletionError '${kind}', but the stream ended normally`);
}

describe('streamCompletion through a CONNECT proxy (127.0.0.1 only)', () => {
  let server: FakeOpenAI;
  let proxy: TestProxy;

  function config(over: Partial<EndpointConfig> = {}): EndpointConfig {
    return fakeEndpoint(server, KEY, over);
  }

  beforeEach(async () => {
    server = await startFakeOpenAI();
    proxy = await startConnectProxy();
  });

  afterEach(async () => {
    await closeProxyAgents();
    await closeAgents();
    await proxy.close();
    await server.close();
  });

  it('tunnels an http target with CONNECT 127.0.0.1:port; the text arrives intact; the proxy never sees the key', async () => {
    server.setHandler((ctx) => streamChunks(ctx, { choices: [['Hel', 'lo', ', wor', 'ld', ' ✓ 😀']], delayMs: 5 }));
    const text = await collect(streamCompletion(REQ, config({ dispatcher: proxyAgentFor(proxy.url, true) })));
    assert.equal(text, 'Hello, world ✓ 😀');
    // undici's ProxyAgent tunnels http targets too (proxyTunnel: true): no forward-proxy request.
    assert.equal(proxy.connects.length, 1);
    assert.equal(proxy.connects[0]!.target, `127.0.0.1:${server.port}`);
    assert.equal(proxy.connects[0]!.proxyAuthorization, undefined);
    assert.equal(proxy.connects[0]!.headers.authorization, undefined);
    assert.equal(proxy.plainRequests.length, 0);
    // The request itself reached the server through the tunnel, key included.
    assert.equal(server.requestCount, 1);
    assert.equal(server.requests[0]!.path, '/v1/completions');
    assert.equal(server.requests[0]!.headers.authorization, `Bearer ${KEY}`);
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
    assert.equal(await collect(streamCompletion(REQ, config({ dispatcher }))), 'Hello, world!');
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

  describe('https target (self-signed certificate) and http.proxyStrictSSL', () => {
    let tlsServer: https.Server | undefined;
    let tlsPort = 0;
    let tlsRequests = 0;
    let dir: string | undefined;

    before(function () {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ghost-proxy-test-'));
      try {
        execFileSync(
          'openssl',
          ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', path.join(dir, 'key.pem'),
            '-out', path.join(dir, 'cert.pem'), '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '1'],
          { stdio: 'ignore' },
        );
      } catch {
        this.skip(); // no openssl: nothing to serve https with
      }
    });

    beforeEach(async () => {
      tlsRequests = 0;
      tlsServer = https.createServer(
        { key: fs.readFileSync(path.join(dir!, 'key.pem')), cert: fs.readFileSync(path.join(dir!, 'cert.pem')) },
        (req, res) => {
          tlsRequests++;
          req.resume();
          req.on('end', () => {
            res.writeHead(200, { 'content-type': 'text/event-stream' });
            res.write(sseData(completionChunk([{ index: 0, text: 'over ' }])));
            res.write(sseData(completionChunk([{ index: 0, text: 'TLS' }])));
            res.write(sseData(completionChunk([{ index: 0, text: '', finish_reason: 'stop' }])));
            res.end(sseData('[DONE]'));
          });
        },
      );
      await new Promise<void>((r) => tlsServer!.listen(0, '127.0.0.1', () => r()));
      tlsPort = (tlsServer.address() as net.AddressInfo).port;
    });

    afterEach(async () => {
      await closeProxyAgents();
      tlsServer?.closeAllConnections();
      await new Promise<void>((r) => (tlsServer ? tlsServer.close(() => r()) : r()));
    });

    after(() => {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('strictSSL true: the untrusted target certificate is refused through the tunnel', async () => {
      const err = await failure(
        streamCompletion(REQ, config({ baseUrl: `https://127.0.0.1:${tlsPort}/v1`, dispatcher: proxyAgentFor(proxy.url, true) })),
        'network',
      );
      assert.match(err.message, /certificate/i);
      assert.equal(proxy.connects.length, 1);
      assert.equal(proxy.connects[0]!.target, `127.0.0.1:${tlsPort}`);
      assert.equal(tlsRequests, 0);
    });

    it('strictSSL false: requestTls.rejectUnauthorized=false lets it through the tunnel', async () => {
      const text = await collect(
        streamCompletion(REQ, config({ baseUrl: `https://127.0.0.1:${tlsPort}/v1`, dispatcher: proxyAgentFor(proxy.url, false) })),
      );
      assert.equal(text, 'over TLS');
      assert.equal(proxy.connects.length, 1);
      assert.equal(proxy.connects[0]!.target, `127.0.0.1:${tlsPort}`);
      assert.equal(tlsRequests, 1);
    });
  });
});
