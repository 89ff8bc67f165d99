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

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A port on 127.0.0.1 where nothing listens (connections are refused). */
export async function deadPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

// ---------------------------------------------------------------- wire format

export type FinishReason = 'stop' | 'length' | 'content_filter';

let idCounter = 0;

export interface ChunkMeta {
  id?: string;
  model?: string;
  created?: number;
}

/** One streamed chunk object, exactly as OpenAI shapes it. */
export function completionChunk(
  choices: { index: number; text: string; finish_reason?: FinishReason | null }[],
  meta: ChunkMeta = {},
): Record<string, unknown> {
  return {
    id: meta.id ?? `cmpl-fake${++idCounter}`,
    object: 'text_completion',
    created: meta.created ?? Math.floor(Date.now() / 1000),
    model: meta.model ?? 'gpt-3.5-turbo-instruct',
    choices: choices.map((c) => ({ text: c.text, index: c.index, logprobs: null, finish_reason: c.finish_reason ?? null })),
  };
}

/** The extra chunk sent before [DONE] when the request asked for stream_options.include_usage. */
export function usageChunk(usage: { prompt_tokens: number; completion_tokens: number }, meta: ChunkMeta = {}): Record<string, unknown> {
  return {
    ...completionChunk([], meta),
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

/** A whole non-streamed completion (what the API returns without stream: true). */
export function completionObject(texts: string[], finish: FinishReason = 'stop', meta: ChunkMeta = {}): Record<string, unknown> {
  const completionTokens = texts.reduce((n, t) => n + Math.max(1, t.split(/\s+/).length), 0);
  return {
    ...completionChunk(texts.map((text, index) => ({ index, text, finish_reason: finish })), meta),
    usage: { prompt_tokens: 5, completion_tokens: completionTokens, total_tokens: 5 + completionTokens },
  };
}

/** "data: {json}\n\n" */
export function sseData(payload: unknown, lineEnding = '\n'): string {
  const data = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return `data: ${data}${lineEnding}${lineEnding}`;
}

// ---------------------------------------------------------------- response writers

/** 200 with event-stream headers, flushed so the client gets its headers at once. */
export function startStream(ctx: FakeContext, headers: http.OutgoingHttpHeaders = {}): void {
  if (ctx.res.headersSent) return;
  ctx.res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    ...headers,
  });
  ctx.res.flushHeaders();
}

/** Writes one chunk object as an SSE event and records it; false if the client is gone. */
export function writeChunk(ctx: FakeContext, chunk: Record<string, unknown>, lineEnding = '\n'): boolean {
  if (ctx.isClosed()) return false;
  startStream(ctx);
  ctx.server.emittedChunks.push(chunk);
  ctx.res.write(sseData(chunk, lineEnding));
  return true;
}

export interface StreamScript {
  /** Text pieces per choice: [['Hel', 'lo']] streams "Hello" as two chunks of choice 0. */
  choices: string[][];
  /** Pause before each chunk after the first (ms). */
  delayMs?: number;
  /** Awaited before chunk i (0-based, counting text chunks only): a gate a test opens when it is ready. */
  beforeChunk?: (i: number) => Promise<void> | void;
  /** Sent on a last, empty-text chunk per choice; null sends no finish chunk. Default 'stop'. */
  finishReason?: FinishReason | null;
  /** Usage chunk before [DONE]: default when the request asked for stream_options.include_usage. */
  usage?: boolean;
  /** Send "data: [DONE]". Default true. */
  done?: boolean;
  /** End the response when done. Default true. false leaves it open (a server that stalls after the last event). */
  end?: boolean;
  lineEnding?: '\n' | '\r\n' | '\r';
  meta?: ChunkMeta;
}

/** Streams a scripted completion. Stops quietly when the client disconnects. */
export async function streamChunks(ctx: FakeContext, script: StreamScript): Promise<void> {
  const meta = { id: `cmpl-fake${++idCounter}`, model: ctx.request.body?.model ?? 'gpt-3.5-turbo-instruct', ...script.meta };
  const le = script.lineEnding ?? '\n';
  startStream(ctx);
  const steps = Math.max(0, ...script.choices.map((c) => c.length));
  let n = 0;
  for (let step = 0; step < steps; step++) {
    for (let index = 0; index < script.choices.length; index++) {
      const text = script.choices[index]![step];
      if (text === undefined) continue;
      if (n > 0 && script.delayMs) await sleep(script.delayMs);
      await script.beforeChunk?.(n);
      if (!writeChunk(ctx, completionChunk([{ index, text }], meta), le)) return;
      n++;
    }
  }
  const finish = script.finishReason === undefined ? 'stop' : script.finishReason;
  if (finish !== null) {
    for (let index = 0; index < script.choices.length; index++) {
      if (!writeChunk(ctx, completionChunk([{ index, text: '', finish_reason: finish }], meta), le)) return;
    }
  }
  const wantUsage = script.usage ?? ctx.request.body?.stream_options?.include_usage === true;
  if (wantUsage) {
    const prompt = String(ctx.request.body?.prompt ?? '');
    if (!writeChunk(ctx, usageChunk({ prompt_tokens: Math.max(1, prompt.split(/\s+/).length), completion_tokens: n }, meta), le)) return;
  }
  if (ctx.isClosed()) return;
  if (script.done !== false) ctx.res.write(`data: [DONE]${le}${le}`);
  if (script.end !== false) ctx.res.end();
}

/**
 * Writes raw pieces one by one, each flushed separately (with a pause, so they arrive as separate reads),
 * for chunk-boundary tests. Ends the response unless `end` is false.
 */
export async function writeRaw(
  ctx: FakeContext,
  pieces: (string | Uint8Array)[],
  opts: { delayMs?: number; end?: boolean; headers?: http.OutgoingHttpHeaders; status?: number } = {},
): Promise<void> {
  if (!ctx.res.headersSent) {
    ctx.res.writeHead(opts.status ?? 200, { 'content-type': 'text/event-stream', ...opts.headers });
    ctx.res.flushHeaders();
  }
  for (const piece of pieces) {
    if (ctx.isClosed()) return;
    ctx.res.write(piece);
    await sleep(opts.delayMs ?? 2);
  }
  if (opts.end !== false && !ctx.isClosed()) ctx.res.end();
}

export interface ErrorBody {
  message: string;
  type?: string;
  param?: string | null;
  code?: string | null;
}

/** An OpenAI error response: {"error": {"message", "type", "param", "code"}}. */
export function sendError(ctx: FakeContext, status: number, error: ErrorBody, headers: http.OutgoingHttpHeaders = {}): void {
  sendJson(
    ctx,
    status,
    { error: { message: error.message, type: error.type ?? 'invalid_request_error', param: error.param ?? null, code: error.code ?? null } },
    headers,
  );
}

export function sendJson(ctx: FakeContext, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  if (ctx.isClosed()) return;
  ctx.res.writeHead(status, { 'content-type': 'application/json', ...headers });
  ctx.res.end(JSON.stringify(body));
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
