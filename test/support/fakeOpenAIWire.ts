// What the fake OpenAI server writes: completion chunks and objects in OpenAI's wire format,
// SSE framing, streams scripted piece by piece, raw bytes, and JSON errors. Used by the
// handlers tests give `startFakeOpenAI` (and re-exported from fakeOpenAI.ts).

import type * as http from 'node:http';
import type { FakeContext } from './fakeOpenAI';

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

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
