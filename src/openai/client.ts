// Streams one completion from POST /completions as StreamEvents, as each server-sent event arrives.

import { decodedBody } from './contentEncoding';
import { completionsEndpoint, type EndpointTarget } from './endpoint';
import { CompletionError } from '../core/completionError';
import { errorFromServerPayload } from './errorFromResponse';
import { headerValue } from './headers';
import { choiceIndex, readUsage } from './chunkFields';
import { isRecord } from './json';
import { readServerError } from './serverErrorBody';
import { serverOfChunk } from './serverSignature';
import { snippet } from './text';
import { buildRequestBody } from './requestBody';
import { createSSEDecoder, type SSEEvent } from './sseStream';
import { StreamGuard, streamLimitsFor } from './streamLimits';
import { Exchange } from './transport';
import type { CompletionRequest, EndpointConfig, StreamEvent } from '../core/ports';

export interface StreamOptions {
  /** false leaves `suffix` out of the request (the model or server rejects it). Default true. */
  includeSuffix?: boolean;
  /** false leaves `stream_options` out (a server rejects it); no usage event then. Default true. */
  includeUsage?: boolean;
}

/** Error bodies are for a message only. */
const ERROR_BODY_LIMIT = 64 * 1024;
/** A non-streamed completion (server ignored stream: true) is small, but n > 1 and logprobs add up. */
const JSON_BODY_LIMIT = 1024 * 1024;

/**
 * Streams a completion. Yields `delta` events (non-empty text per choice), `finish` when a choice ends, and
 * `usage` when the server reports it. Ends normally at `data: [DONE]`, or at the end of the body when every
 * choice that produced text has finished (some compatible servers omit [DONE]); anything else throws
 * CompletionError.
 *
 * Stopping early: aborting `signal` or leaving the loop (`break`, `return()`, a throw in the loop body) closes
 * the connection at once, so the server stops generating. An abort makes the pending or next `next()` throw
 * CompletionError kind 'aborted' (never a silent end), and no event is yielded after the abort.
 * A consumer that neither finishes, breaks nor aborts keeps the connection open: always do one of them.
 *
 * Bounded (streamLimits.ts): more than max_tokens' worth of text in a choice, megabytes without a completion event,
 * or a stream outliving its time cap closes the connection and throws CompletionError 'protocol'.
 *
 * Throws CompletionError 'insecure-url' / 'invalid-config' on the first `next()`, before any network I/O.
 */
export async function* streamCompletion(
  req: CompletionRequest,
  config: EndpointConfig,
  signal?: AbortSignal,
  opts: StreamOptions = {},
): AsyncGenerator<StreamEvent, void, undefined> {
  const target = completionsEndpoint(config);
  const body = JSON.stringify(
    buildRequestBody(req, { includeSuffix: opts.includeSuffix, includeUsage: opts.includeUsage, provider: config.provider }),
  );
  const ex = new Exchange(config, target, signal);
  const limits = streamLimitsFor(req, config.timeouts);
  const guard = new StreamGuard(limits, target.label, req.maxTokens);
  ex.capTotal(limits.maxMs, () => guard.tooLong());
  let res: Awaited<ReturnType<Exchange['open']>> | undefined;
  let handedOff = false;
  try {
    res = await ex.open('POST', body);
    const it = decodedBody(res, target.label);

    if (res.statusCode < 200 || res.statusCode > 299) {
      const { text } = await ex.readText(it, ERROR_BODY_LIMIT);
      throw ex.statusError(res, text);
    }

    const choices = new ChoiceTracker(target, req.n ?? 1);
    const contentType = headerValue(res.headers, 'content-type') ?? '';
    if (!/^\s*text\/event-stream\b/i.test(contentType)) {
      // Not a stream: a JSON error, a whole completion from a server that ignored stream: true, or a mistake.
      const { text } = await ex.readText(it, JSON_BODY_LIMIT);
      for (const ev of nonStreamEvents(text, contentType, res.statusCode, target, choices)) {
        guard.admit([ev]);
        yield ev;
        if (ex.aborted) throw abortedError();
      }
      return;
    }

    const decoder = createSSEDecoder();
    for (;;) {
      const chunk = await ex.nextChunk(it);
      const events = chunk.done ? decoder.end() : decoder.push(chunk.value);
      let produced = false;
      for (const sse of events) {
        const out = choices.handle(sse);
        if (out === 'done') {
          handedOff = true;
          ex.drainInBackground(it, res.body);
          return;
        }
        // Throws before yielding a delta past the bound; the text yielded so far stays valid.
        guard.admit(out);
        produced ||= out.length > 0;
        for (const ev of out) {
          yield ev;
          // The consumer may have aborted while we were suspended; it must not get stale text.
          if (ex.aborted) throw abortedError();
        }
      }
      if (chunk.done) {
        choices.assertCompleteWithoutDone();
        return;
      }
      guard.read(chunk.value.length, produced);
    }
  } finally {
    // Destroys the socket unless the body was read to its end (then it returns to the pool).
    if (!handedOff) ex.close(res?.body);
  }
}

function abortedError(): CompletionError {
  return new CompletionError('aborted', 'The request was cancelled.');
}

/** Turns parsed chunks into StreamEvents and tracks which choices produced text and which finished. */
class ChoiceTracker {
  private readonly produced = new Set<number>();
  private readonly finished = new Set<number>();
  private serverNamed = false;

  constructor(
    private readonly target: EndpointTarget,
    /** How many choices were asked for. */
    private readonly n: number,
  ) {}

  handle(sse: SSEEvent): StreamEvent[] | 'done' {
    if (sse.event === 'error') throw this.errorFromText(sse.data);
    // OpenAI sends only unnamed events; named ones from other servers (pings, metadata) are not completions.
    if (sse.event !== undefined && sse.event !== 'message') return [];
    const data = sse.data.trim();
    if (data === '[DONE]') return 'done';
    if (data === '') return [];
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      throw new CompletionError(
        'protocol',
        `${this.target.label} sent event stream data that is not JSON: "${snippet(data, 60, this.target.secrets)}".`,
        { secrets: this.target.secrets },
      );
    }
    const err = readServerError(chunk);
    if (err) throw errorFromServerPayload(err, this.target.label, this.target.secrets);
    if (!isRecord(chunk)) {
      throw new CompletionError('protocol', `${this.target.label} sent an event that is not a completion chunk: "${snippet(data, 60, this.target.secrets)}".`, {
        secrets: this.target.secrets,
      });
    }
    return this.eventsOf(chunk);
  }

  /** Events of one completion object (a stream chunk or a whole non-streamed response). */
  eventsOf(chunk: Record<string, unknown>): StreamEvent[] {
    const out: StreamEvent[] = [];
    const server = this.serverNamed ? undefined : serverOfChunk(chunk);
    if (server) {
      this.serverNamed = true;
      out.push({ type: 'server', server });
    }
    const choices = Array.isArray(chunk.choices) ? chunk.choices.filter(isRecord) : [];
    for (const c of choices) {
      const index = choiceIndex(c, this.n);
      if (index === undefined) {
        throw new CompletionError(
          'protocol',
          `${this.target.label} sent a choice index that is not one of the ${this.n} requested: ${snippet(JSON.stringify(c.index) ?? '', 40, this.target.secrets)}.`,
          { secrets: this.target.secrets },
        );
      }
      if (typeof c.text === 'string' && c.text !== '') {
        this.produced.add(index);
        out.push({ type: 'delta', index, text: c.text });
      }
      if (typeof c.finish_reason === 'string' && c.finish_reason !== '') {
        this.finished.add(index);
        out.push({ type: 'finish', index, reason: c.finish_reason });
      }
    }
    // With include_usage every chunk but the last carries "usage": null. Implausible usage is dropped.
    const usage = readUsage(chunk.usage);
    if (usage) out.push({ type: 'usage', usage });
    return out;
  }

  /** The body ended without [DONE]: accept it only if every choice that produced text also finished. */
  assertCompleteWithoutDone(): void {
    const complete = this.finished.size > 0 && [...this.produced].every((i) => this.finished.has(i));
    if (!complete) {
      throw new CompletionError(
        'incomplete',
        `The response from ${this.target.label} ended before the completion was complete (no [DONE] and no finish reason).`,
      );
    }
  }

  private errorFromText(data: string): CompletionError {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      parsed = { message: data.trim() || 'unknown error' };
    }
    const info = readServerError(parsed, true) ?? { message: snippet(data, 200, this.target.secrets) };
    return errorFromServerPayload(info, this.target.label, this.target.secrets);
  }
}

/** Events from a 200 response that is not an event stream, or the error it stands for. */
function nonStreamEvents(
  text: string,
  contentType: string,
  status: number,
  target: EndpointTarget,
  choices: ChoiceTracker,
): StreamEvent[] {
  const trimmed = text.trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    parsed = undefined;
  }
  if (parsed !== undefined) {
    const err = readServerError(parsed);
    if (err) throw errorFromServerPayload(err, target.label, target.secrets);
    if (isRecord(parsed) && Array.isArray(parsed.choices)) {
      // Order by choice so a consumer sees each choice's text, then its finish.
      const sorted = [...parsed.choices].filter(isRecord).sort((a, b) => Number(a.index ?? 0) - Number(b.index ?? 0));
      return choices.eventsOf({ ...parsed, choices: sorted });
    }
  }
  // An event stream with a wrong content type (some proxies rewrite it): still usable, just not incremental.
  if (/^(data|event|id):/.test(trimmed)) {
    const decoder = createSSEDecoder();
    const out: StreamEvent[] = [];
    for (const sse of [...decoder.push(Buffer.from(text, 'utf8')), ...decoder.end()]) {
      const r = choices.handle(sse);
      if (r === 'done') return out;
      out.push(...r);
    }
    choices.assertCompleteWithoutDone();
    return out;
  }
  const what = contentType.trim() ? `"${snippet(contentType, 60, target.secrets)}"` : 'a response without a content type';
  throw new CompletionError(
    'protocol',
    `Expected an event stream from ${target.label} but got ${what} (HTTP ${status}); check the base URL.`,
    { status, secrets: target.secrets },
  );
}
