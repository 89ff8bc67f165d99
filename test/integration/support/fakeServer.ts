// A loopback fake of OpenAI's Completions API for the integration tests: runs inside the
// extension host (node:http only), listens on 127.0.0.1 with a free port, records every
// request (headers and JSON body) and answers POST /v1/completions with OpenAI-style SSE.

import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeResponse {
  /** The completion text, streamed in pieces of `chunkSize` characters. */
  text?: string;
  chunkSize?: number;
  /** Pause before every piece after the first. */
  delayMs?: number;
  /** An HTTP error status (>= 400) answered with an OpenAI-style JSON error body instead. */
  status?: number;
  message?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: any;
  finished: boolean;
}

export class FakeOpenAI {
  readonly requests: RecordedRequest[] = [];
  /** Answer for every request unless a queued one is pending. */
  response: FakeResponse = { text: 'return a + b' };
  private readonly queue: FakeResponse[] = [];
  private readonly sockets = new Set<import('node:net').Socket>();
  private server: http.Server | undefined;
  private port = 0;

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  get completions(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === '/v1/completions');
  }

  enqueue(...responses: FakeResponse[]): void {
    this.queue.push(...responses);
  }

  reset(): void {
    this.requests.length = 0;
    this.queue.length = 0;
    this.response = { text: 'return a + b' };
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
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
    const record: RecordedRequest = {
      method: req.method ?? '',
      path: new URL(req.url ?? '/', 'http://x').pathname,
      headers: req.headers,
      body,
      finished: false,
    };
    this.requests.push(record);

    if (req.method === 'GET' && record.path === '/v1/models') {
      return sendJson(res, 200, { object: 'list', data: [{ id: 'gpt-3.5-turbo-instruct', object: 'model', created: 1, owned_by: 'fake' }] }, record);
    }
    if (req.method !== 'POST' || record.path !== '/v1/completions') {
      return sendJson(res, 404, { error: { message: 'not found', type: 'invalid_request_error', param: null, code: null } }, record);
    }
    const spec = this.queue.shift() ?? this.response;
    if (spec.status && spec.status >= 400) {
      const error = { message: spec.message ?? 'The server had an error while processing your request.', type: 'server_error', param: null, code: null };
      return sendJson(res, spec.status, { error }, record);
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const text = spec.text ?? '';
    const size = Math.max(1, spec.chunkSize ?? 4);
    const pieces: string[] = [];
    for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
    if (pieces.length === 0) pieces.push('');
    const base = { id: 'cmpl-1', object: 'text_completion', created: 1, model: body?.model ?? 'gpt-3.5-turbo-instruct' };
    for (let i = 0; i < pieces.length; i++) {
      if (i > 0 && spec.delayMs) await new Promise((r) => setTimeout(r, spec.delayMs));
      if (res.destroyed) return;
      const finish = i === pieces.length - 1 ? 'stop' : null;
      res.write(`data: ${JSON.stringify({ ...base, choices: [{ text: pieces[i], index: 0, logprobs: null, finish_reason: finish }] })}\n\n`);
    }
    if (res.destroyed) return;
    const usage = { prompt_tokens: 10, completion_tokens: pieces.length, total_tokens: 10 + pieces.length };
    res.write(`data: ${JSON.stringify({ ...base, choices: [], usage })}\n\n`);
    res.end('data: [DONE]\n\n');
    record.finished = true;
  }
}

function sendJson(res: http.ServerResponse, status: number, value: unknown, record: RecordedRequest): void {
  const s = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(s) });
  res.end(s);
  record.finished = true;
}
