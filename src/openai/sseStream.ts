// Bytes of a text/event-stream body → SSE events, whatever the chunk boundaries: a UTF-8 character,
// a line ending (\r\n, \r, \n) or an event may be split across any two network chunks.

import { createParser, type EventSourceParser, type ParseError } from 'eventsource-parser';
import { CompletionError } from '../core/completionError';

export interface SSEEvent {
  /** The `event:` field; undefined for plain `data:` events (OpenAI sends only those). */
  event?: string;
  data: string;
  id?: string;
}

export interface SSEDecoderOptions {
  /** Most characters buffered while waiting for a line or event end; a server that never ends a line is cut off. */
  maxBufferSize?: number;
}

/** 1 MiB: a completion chunk is a few hundred bytes; anything near this is not a completion stream. */
export const DEFAULT_MAX_SSE_BUFFER = 1024 * 1024;

export interface SSEDecoder {
  /** Feeds one network chunk; returns the events it completed, in order. */
  push(chunk: Uint8Array): SSEEvent[];
  /** The body ended: flushes what a complete final line allows (see below) and returns it. */
  end(): SSEEvent[];
}

export function createSSEDecoder(opts: SSEDecoderOptions = {}): SSEDecoder {
  // stream: true keeps an incomplete UTF-8 sequence at a chunk's end until the next chunk completes it.
  const decoder = new TextDecoder('utf-8');
  let queue: SSEEvent[] = [];
  let failure: CompletionError | undefined;
  let lastChar = '';
  const parser: EventSourceParser = createParser({
    maxBufferSize: opts.maxBufferSize ?? DEFAULT_MAX_SSE_BUFFER,
    onEvent: (e) => {
      const ev: SSEEvent = { data: e.data };
      if (e.event !== undefined) ev.event = e.event;
      if (e.id !== undefined) ev.id = e.id;
      queue.push(ev);
    },
    onError: (err: ParseError) => {
      if (err.type === 'max-buffer-size-exceeded') {
        failure = new CompletionError('protocol', 'The server sent an event stream line that never ended (over 1 MiB).');
      } else if (err.type === 'unknown-field' && err.field === 'error') {
        // llama.cpp reports a failure mid-stream as a bare "error: {json}" line, not as "event: error".
        queue.push({ event: 'error', data: err.value ?? '' });
      }
      // Other unknown fields and bad `retry:` values are ignored, as the SSE spec says.
    },
  });

  const feed = (text: string): SSEEvent[] => {
    if (failure) throw failure;
    if (text !== '') {
      lastChar = text[text.length - 1]!;
      parser.feed(text);
    }
    if (failure) throw failure;
    const out = queue;
    queue = [];
    return out;
  };

  return {
    push: (chunk) => feed(decoder.decode(chunk, { stream: true })),
    end: () => {
      const rest = feed(decoder.decode());
      // The parser keeps a final "\r" pending because a "\n" might follow; at the end none will.
      // A final event whose lines are all complete but that lacks the closing blank line is delivered
      // (its data is whole); a line cut off mid-way is dropped, as the SSE spec says.
      if (lastChar === '\r') return rest.concat(feed('\n\n'));
      if (lastChar === '\n') return rest.concat(feed('\n'));
      return rest;
    },
  };
}

/** Convenience over createSSEDecoder for a whole body. */
export async function* parseSSE(body: AsyncIterable<Uint8Array>, opts: SSEDecoderOptions = {}): AsyncGenerator<SSEEvent> {
  const decoder = createSSEDecoder(opts);
  for await (const chunk of body) {
    yield* decoder.push(chunk);
  }
  yield* decoder.end();
}
