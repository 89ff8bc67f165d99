// Upper bounds for one completion stream, so a server that ignores max_tokens, or keeps the connection busy with
// comments and keep-alives, cannot hold it (and the memory behind it) for as long as it likes.

import { CompletionError } from '../core/completionError';
import type { CompletionRequest, StreamEvent, Timeouts } from '../core/ports';
import { DEFAULT_MAX_SSE_BUFFER } from './sseStream';
import { formatMs } from './text';

// English text and code average about 4 characters per token (cl100k_base); runs of spaces, long identifiers
// and non-Latin text can be longer per token, so the bound allows 4× that average. A server that goes past it
// has ignored max_tokens, not merely tokenized differently.
const CHARS_PER_TOKEN = 4;
const SAFETY_MARGIN = 4;
// A small max_tokens (a one-line request) still leaves room for one long line.
const MIN_CHARS_PER_CHOICE = 2048;
// Above the longest line the SSE decoder accepts, so one legitimate event always fits between two checks.
const MAX_BYTES_WITHOUT_EVENT = 2 * DEFAULT_MAX_SSE_BUFFER;
// A code suggestion that takes longer than this is of no use to anyone typing; the per-phase timeouts do not
// catch a server that keeps sending slowly or sends only comments.
export const DEFAULT_STREAM_MAX_MS = 5 * 60 * 1000;

export interface StreamLimits {
  maxCharsPerChoice: number;
  maxBytesWithoutEvent: number;
  maxMs: number;
}

export function streamLimitsFor(req: CompletionRequest, timeouts: Timeouts): StreamLimits {
  const tokens = Number.isFinite(req.maxTokens) && req.maxTokens > 0 ? req.maxTokens : 0;
  const total = timeouts.totalMs;
  return {
    maxCharsPerChoice: Math.max(MIN_CHARS_PER_CHOICE, tokens * CHARS_PER_TOKEN * SAFETY_MARGIN),
    maxBytesWithoutEvent: MAX_BYTES_WITHOUT_EVENT,
    maxMs: typeof total === 'number' && Number.isFinite(total) && total > 0 ? total : DEFAULT_STREAM_MAX_MS,
  };
}

/** Counts what a stream produced; throws CompletionError 'protocol' once a bound is crossed. */
export class StreamGuard {
  private readonly chars = new Map<number, number>();
  private bytesSinceEvent = 0;

  constructor(
    private readonly limits: StreamLimits,
    private readonly label: string,
    private readonly maxTokens: number,
  ) {}

  /** Before the events are yielded: a delta that takes its choice past the bound is not handed out. */
  admit(events: readonly StreamEvent[]): void {
    for (const ev of events) {
      if (ev.type !== 'delta') continue;
      const n = (this.chars.get(ev.index) ?? 0) + ev.text.length;
      if (n > this.limits.maxCharsPerChoice) {
        throw new CompletionError(
          'protocol',
          `${this.label} kept streaming past max_tokens (${this.maxTokens}); stopped after ${this.chars.get(ev.index) ?? 0} characters.`,
        );
      }
      this.chars.set(ev.index, n);
    }
  }

  /** After a network chunk's events were handled: `bytes` more were read; any event restarts the count. */
  read(bytes: number, producedEvents: boolean): void {
    this.bytesSinceEvent = producedEvents ? 0 : this.bytesSinceEvent + bytes;
    if (this.bytesSinceEvent > this.limits.maxBytesWithoutEvent) {
      throw new CompletionError(
        'protocol',
        `${this.label} sent ${Math.round(this.bytesSinceEvent / 1024)} KiB without a completion event (only comments or keep-alives); stopped.`,
      );
    }
  }

  /** The error for a stream that outlived its time cap. */
  tooLong(): CompletionError {
    return new CompletionError('protocol', `${this.label} kept the stream open for more than ${formatMs(this.limits.maxMs)}; stopped.`);
  }
}
