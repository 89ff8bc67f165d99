// A fake OpenAI Completions server on 127.0.0.1 for tests: records every request, counts client disconnects,
// and speaks the real wire format (SSE chunks that validate against OpenAI's schema, usage chunk, [DONE]).
//
//   const server = await startFakeOpenAI(async (ctx) => {
//     await streamChunks(ctx, { choices: [['Hel', 'lo']] });
//   });
//   ... config.baseUrl = server.baseUrl ...
//   assert.equal(server.requests[0].body.model, 'gpt-3.5-turbo-instruct');
//   await server.waitForDisconnects(1);
//   await server.close();

import * as http from 'node:http';
import * as https from 'node:https';
import type { EndpointConfig } from '../../src/core/ports';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { completionObject, sendError, sendJson, sleep, streamChunks } from './fakeOpenAIWire';

export * from './fakeOpenAIWire';

export interface RecordedRequest {
  method: string;
  /** Path and query as sent, e.g. "/v1/completions". */
  url: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  /** The body parsed as JSON; undefined when empty or not JSON. */
  body: any;
}

export interface FakeContext {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  request: RecordedRequest;
  /** Position of this request among all requests to the server (0-based). */
  index: number;
  /** Resolves when the response finished or the client went away, whichever first. */
  closed: Promise<void>;
  /** True once the connection closed or the response finished: writers stop then. */
  isClosed(): boolean;
  /** True if the client went away before the response finished. */
  clientDisconnected(): boolean;
  server: FakeOpenAI;
}

export type FakeHandler = (ctx: FakeContext) => void | Promise<void>;

export interface FakeOpenAI {
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** http://127.0.0.1:PORT/v1, the value for EndpointConfig.baseUrl. */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  readonly requestCount: number;
  /** Requests whose connection closed before their response finished. */
  readonly disconnects: number;
  /** Every completion chunk object written by streamChunks/writeChunk, in order. */
  readonly emittedChunks: Record<string, unknown>[];
  /** Errors thrown by handlers (a failing handler answers 500 if it can). */
  readonly handlerErrors: unknown[];
  setHandler(handler: FakeHandler): void;
  waitForRequests(n: number, timeoutMs?: number): Promise<void>;
  waitForDisconnects(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface FakeServerOptions {
  /** Serve https with this key and certificate (see testCertificates.ts) instead of http. */
  tls?: { key: string; cert: string };
}

export async function startFakeOpenAI(handler: FakeHandler = defaultHandler, options: FakeServerOptions = {}): Promise<FakeOpenAI> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const emittedChunks: Record<string, unknown>[] = [];
  const handlerErrors: unknown[] = [];
  let disconnects = 0;

  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      const rawBody = Buffer.concat(parts).toString('utf8');
      let body: unknown;
      try {
        body = rawBody ? JSON.parse(rawBody) : undefined;
      } catch {
        body = undefined;
      }
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const request: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        path: u.pathname,
        query: Object.fromEntries(u.searchParams),
        headers: req.headers,
        rawBody,
        body,
      };
      const index = requests.push(request) - 1;
      let closed = false;
      let disconnected = false;
      let resolveClosed!: () => void;
      const closedPromise = new Promise<void>((r) => (resolveClosed = r));
      res.on('close', () => {
        closed = true;
        if (!res.writableFinished) {
          disconnected = true;
          disconnects++;
        }
        resolveClosed();
      });
      const ctx: FakeContext = {
        req,
        res,
        request,
        index,
        closed: closedPromise,
        isClosed: () => closed || res.writableEnded,
        clientDisconnected: () => disconnected,
        server: api,
      };
      Promise.resolve()
        .then(() => current(ctx))
        .catch((err: unknown) => {
          handlerErrors.push(err);
          if (!res.headersSent && !ctx.isClosed()) sendError(ctx, 500, { message: `fake server handler failed: ${String(err)}` });
          else res.destroy();
        });
    });
  };
  const httpServer = options.tls ? https.createServer(options.tls, listener) : http.createServer(listener);
  const scheme = options.tls ? 'https' : 'http';
  // Node's default keep-alive (5 s) lets undici reuse connections, as with a real server; close() cuts idle ones.
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;

  const waitFor = async (what: string, cond: () => boolean, timeoutMs: number): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error(`fake OpenAI: timed out after ${timeoutMs} ms waiting for ${what}`);
      await sleep(5);
    }
  };

  const api: FakeOpenAI = {
    port,
    origin: `${scheme}://127.0.0.1:${port}`,
    baseUrl: `${scheme}://127.0.0.1:${port}/v1`,
    requests,
    get requestCount() {
      return requests.length;
    },
    get disconnects() {
      return disconnects;
    },
    emittedChunks,
    handlerErrors,
    setHandler(h) {
      current = h;
    },
    waitForRequests: (n, timeoutMs = 2000) =>
      waitFor(`${n} request(s) (have ${requests.length})`, () => requests.length >= n, timeoutMs),
    waitForDisconnects: (n, timeoutMs = 2000) =>
      waitFor(`${n} client disconnect(s) (have ${disconnects})`, () => disconnects >= n, timeoutMs),
    close: () =>
      new Promise<void>((resolve) => {
        httpServer.closeAllConnections();
        httpServer.close(() => resolve());
      }),
  };
  return api;
}

/** A port on 127.0.0.1 where nothing listens (connections are refused). */
export async function deadPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Answers /models with a list, and /completions with "Hello, world!" streamed (or whole if stream is not true). */
export async function defaultHandler(ctx: FakeContext): Promise<void> {
  const { path, body } = ctx.request;
  if (path.endsWith('/models')) {
    sendJson(ctx, 200, {
      object: 'list',
      data: [
        { id: 'gpt-3.5-turbo-instruct', object: 'model', created: 1692901427, owned_by: 'system' },
        { id: 'davinci-002', object: 'model', created: 1692634301, owned_by: 'system' },
      ],
    });
    return;
  }
  if (path.endsWith('/completions')) {
    if (body?.stream === true) await streamChunks(ctx, { choices: [['Hello', ',', ' world', '!']] });
    else sendJson(ctx, 200, completionObject(['Hello, world!']));
    return;
  }
  sendError(ctx, 404, { message: `Unknown path ${path}`, type: 'invalid_request_error' });
}

/** Endpoint settings for talking to `server` as an OpenAI-compatible server, with short timeouts. */
export function fakeEndpoint(server: FakeOpenAI, apiKey: string, over: Partial<EndpointConfig> = {}): EndpointConfig {
  return {
    provider: 'openai-compatible',
    baseUrl: server.baseUrl,
    apiKey,
    timeouts: { connectMs: 2000, firstByteMs: 2000, idleMs: 2000 },
    ...over,
  };
}
