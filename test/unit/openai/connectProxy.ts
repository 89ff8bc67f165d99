// A real CONNECT proxy on 127.0.0.1 for the proxy tests: tunnels only to 127.0.0.1, records what it is asked,
// and can demand credentials or refuse tunnels.

import * as http from 'node:http';
import * as net from 'node:net';
import type { Duplex } from 'node:stream';

export interface ConnectRecord {
  /** host:port asked for in the CONNECT request line. */
  target: string;
  proxyAuthorization?: string;
  headers: http.IncomingHttpHeaders;
}

export interface TestProxy {
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

export interface ProxyBehaviour {
  /** The exact Proxy-Authorization value required; others get 407. */
  requireAuth?: string;
  /** Proxy-Authenticate headers of the 407; default one Basic challenge. */
  challenges?: string[];
  /** Answer every CONNECT with this status instead of tunnelling. */
  refuseWith?: number;
}

/** A minimal CONNECT proxy on 127.0.0.1 that only tunnels to 127.0.0.1, recording what it is asked. */
export async function startConnectProxy(behaviour: ProxyBehaviour = {}): Promise<TestProxy> {
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

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
