// A loopback fake of OpenAI's Completions API for the integration tests: runs inside the
// extension host (node:http only), listens on 127.0.0.1 with a free port, records every
// request (headers and JSON body) and answers POST …/completions (OpenAI's /v1/completions
// and Azure's /openai/deployments/{name}/completions) with OpenAI-style SSE.
// It also refuses HTTP CONNECT (proxy tunnels) after recording the target, so a test can point
// `http.proxy` at it and see where the extension would have connected without any traffic
// leaving the machine.

import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface FakeResponse {
  /** The completion text, streamed in pieces of `chunkSize` characters. */
  text?: string;
  /** Several choices (n > 1): choice i streams choices[i]; overrides `text`. */
  choices?: string[];
  chunkSize?: number;
  /** Pause before every piece after the first. */
  delayMs?: number;
  /** Pause before the response starts (time to first byte). */
  firstDelayMs?: number;
  /** Cut the connection after this many pieces: a stream that breaks off in the middle. */
  cutAfter?: number;
  /** An HTTP error status (>= 400) answered with an OpenAI-style JSON error body instead. */
  status?: number;
  message?: string;
  /** Ignore max_tokens: stream numbered lines until the client hangs up. */
  endless?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string; for CONNECT, the tunnel target (host:port). */
  path: string;
  /** The query string parameters. */
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: any;
  finished: boolean;
  /** The client closed the connection before the response ended. */
  disconnected?: boolean;
}

export class FakeOpenAI {
  readonly requests: RecordedRequest[] = [];
  /** Answer for every request unless a queued one is pending. */
  response: FakeResponse = { text: 'return a + b' };
  /** Answer any request that carries `suffix` with a 400 blaming it, as many compatible servers do. */
  rejectSuffix = false;
  private readonly queue: FakeResponse[] = [];
  private readonly sockets = new Set<import('node:net').Socket>();
  private server: http.Server | undefined;
  private port = 0;

  /** With `tls`, the server speaks https with that key and certificate. */
  constructor(private readonly tls?: { key: string; cert: string }) {}

  get baseUrl(): string {
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${this.port}/v1`;
  }

  /** scheme://host:port, e.g. for Azure (which adds /openai/deployments/… itself) or as a proxy. */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Completion requests (POST …/completions, OpenAI or Azure path). */
  get completions(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/completions'));
  }

  /** Proxy tunnels asked for (CONNECT host:port). */
  get tunnels(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'CONNECT');
  }

  enqueue(...responses: FakeResponse[]): void {
    this.queue.push(...responses);
  }

  reset(): void {
    this.requests.length = 0;
    this.queue.length = 0;
    this.response = { text: 'return a + b' };
    this.rejectSuffix = false;
  }

  async start(): Promise<this> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => void this.handle(req, res);
    this.server = this.tls ? https.createServer(this.tls, handler) : http.createServer(handler);
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server.on('connect', (req: http.IncomingMessage, socket: import('node:net').Socket) => {
      this.requests.push({ method: 'CONNECT', path: req.url ?? '', query: {}, headers: req.headers, body: undefined, finished: true });
      socket.on('error', () => undefined);
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: any;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const record: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
      finished: false,
    };
    this.requests.push(record);

    if (req.method === 'GET' && record.path === '/v1/models') {
      return sendJson(res, 200, { object: 'list', data: [{ id: 'gpt-3.5-turbo-instruct', object: 'model', created: 1, owned_by: 'fake' }] }, record);
    }
    if (req.method !== 'POST' || !record.path.endsWith('/completions')) {
      return sendJson(res, 404, { error: { message: 'not found', type: 'invalid_request_error', param: null, code: null } }, record);
    }
    if (this.rejectSuffix && body?.suffix !== undefined) {
      const error = { message: 'suffix is not supported for this model', type: 'invalid_request_error', param: 'suffix', code: null };
      return sendJson(res, 400, { error }, record);
    }
    const spec = this.queue.shift() ?? this.response;
    if (spec.firstDelayMs) await new Promise((r) => setTimeout(r, spec.firstDelayMs));
    if (spec.status && spec.status >= 400) {
      const error = { message: spec.message ?? 'The server had an error while processing your request.', type: 'server_error', param: null, code: null };
      return sendJson(res, spec.status, { error }, record);
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.on('close', () => {
      if (!res.writableEnded) record.disconnected = true;
    });
    if (spec.endless) return streamEndlessly(res, body);
    const texts = spec.choices ?? [spec.text ?? ''];
    const size = Math.max(1, spec.chunkSize ?? 4);
    const base = { id: 'cmpl-1', object: 'text_completion', created: 1, model: body?.model ?? 'gpt-3.5-turbo-instruct' };
    // One event per piece; with several choices, their pieces are interleaved as OpenAI does.
    const events: Array<{ index: number; text: string; last: boolean }> = [];
    const pieceLists = texts.map((text) => {
      const pieces: string[] = [];
      for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
      return pieces.length ? pieces : [''];
    });
    const rounds = Math.max(...pieceLists.map((p) => p.length));
    for (let r = 0; r < rounds; r++) {
      pieceLists.forEach((pieces, index) => {
        if (r < pieces.length) events.push({ index, text: pieces[r]!, last: r === pieces.length - 1 });
      });
    }
    let completionTokens = 0;
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (i > 0 && spec.delayMs && e.index === 0) await new Promise((r) => setTimeout(r, spec.delayMs));
      if (res.destroyed) return;
      if (spec.cutAfter !== undefined && i >= spec.cutAfter) {
        res.socket?.destroy();
        return;
      }
      completionTokens++;
      res.write(`data: ${JSON.stringify({ ...base, choices: [{ text: e.text, index: e.index, logprobs: null, finish_reason: e.last ? 'stop' : null }] })}\n\n`);
    }
    if (res.destroyed) return;
    const usage = { prompt_tokens: 10, completion_tokens: completionTokens, total_tokens: 10 + completionTokens };
    res.write(`data: ${JSON.stringify({ ...base, choices: [], usage })}\n\n`);
    res.end('data: [DONE]\n\n');
    record.finished = true;
  }
}

/** A server that ignores max_tokens: a line every few milliseconds, until the client leaves. */
async function streamEndlessly(res: http.ServerResponse, body: any): Promise<void> {
  const base = { id: 'cmpl-endless', object: 'text_completion', created: 1, model: body?.model ?? 'gpt-3.5-turbo-instruct' };
  for (let i = 0; !res.destroyed; i++) {
    res.write(`data: ${JSON.stringify({ ...base, choices: [{ text: `${i === 0 ? '' : '    '}x${i} = ${i}\n`, index: 0, logprobs: null, finish_reason: null }] })}\n\n`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

function sendJson(res: http.ServerResponse, status: number, value: unknown, record: RecordedRequest): void {
  const s = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(s) });
  res.end(s);
  record.finished = true;
}
