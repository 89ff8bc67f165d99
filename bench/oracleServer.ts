// A deterministic "oracle" model behind the loopback fake OpenAI server: it knows the files the
// user is typing and answers with their true continuation from the end of the prompt, streamed
// token by token at a model-like pace. It bills like the real API: prompt + suffix tokens, plus
// the completion tokens it actually wrote before the client went away.

import {
  completionChunk,
  sleep,
  startFakeOpenAI,
  startStream,
  usageChunk,
  writeChunk,
  type FakeContext,
  type FakeOpenAI,
} from '../test/support/fakeOpenAI';
import { hashUnit } from './prng';
import { tokenCount, tokenPieces } from './tokenizer';

export interface OracleOptions {
  /** Texts the model knows; a prompt is located in the first one that contains it. */
  files: readonly string[];
  /** Time to the first token, in (already scaled) milliseconds. */
  firstTokenMs: number;
  /** Time between tokens. */
  perTokenMs: number;
  /** A multi-line answer is the rest of the cursor line plus this many lines. */
  extraLines: number;
  /** Share of prompts (0..1) answered with a wrong continuation, fixed per prompt. */
  errorRate: number;
}

export interface BilledRequest {
  promptTokens: number;
  /** Tokens written to the socket, including any written after the client left but before we noticed. */
  completionTokens: number;
  /** The client closed the connection before the response ended. */
  disconnected: boolean;
  multiline: boolean;
  wrong: boolean;
}

export interface OracleServer {
  readonly baseUrl: string;
  readonly ledger: readonly BilledRequest[];
  /** Resolves once every response has ended or been abandoned (the ledger is final then). */
  idle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startOracleServer(options: OracleOptions): Promise<OracleServer> {
  const ledger: BilledRequest[] = [];
  let open = 0;
  const fake: FakeOpenAI = await startFakeOpenAI(async (ctx) => {
    open++;
    void ctx.closed.then(() => open--);
    await answer(ctx, options, ledger);
  });
  return {
    baseUrl: fake.baseUrl,
    ledger,
    async idle(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (open > 0) {
        if (Date.now() > deadline) throw new Error(`oracle server: ${open} response(s) still open after ${timeoutMs} ms`);
        await sleep(5);
      }
    },
    close: () => fake.close(),
  };
}

async function answer(ctx: FakeContext, o: OracleOptions, ledger: BilledRequest[]): Promise<void> {
  const body = ctx.request.body ?? {};
  const prompt = String(body.prompt ?? '');
  const suffix = typeof body.suffix === 'string' ? body.suffix : '';
  const stop: string[] = Array.isArray(body.stop) ? body.stop : typeof body.stop === 'string' ? [body.stop] : [];
  const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : 16;
  const choices = typeof body.n === 'number' ? body.n : 1;
  const multiline = !stop.includes('\n');

  const entry: BilledRequest = {
    promptTokens: tokenCount(prompt) + tokenCount(suffix),
    completionTokens: 0,
    disconnected: false,
    multiline,
    wrong: hashUnit(`${prompt}\u0000${suffix}`) < o.errorRate,
  };
  ledger.push(entry);
  void ctx.closed.then(() => (entry.disconnected = ctx.clientDisconnected()));

  let text = continuationOf(prompt, o.files, multiline ? o.extraLines : 0);
  if (entry.wrong) text = mistaken(text);
  text = cutAtStop(text, stop);
  let pieces = tokenPieces(text);
  let finish: 'stop' | 'length' = 'stop';
  if (pieces.length > maxTokens) {
    pieces = pieces.slice(0, maxTokens);
    finish = 'length';
  }

  startStream(ctx);
  const meta = { model: String(body.model ?? 'gpt-3.5-turbo-instruct') };
  for (let i = 0; i < pieces.length; i++) {
    // Stop waiting as soon as the client leaves, as a real server stops generating.
    await Promise.race([sleep(i === 0 ? o.firstTokenMs : o.perTokenMs), ctx.closed]);
    const chunk = completionChunk(
      Array.from({ length: choices }, (_, index) => ({ index, text: pieces[i] })),
      meta,
    );
    if (!writeChunk(ctx, chunk)) return;
    entry.completionTokens += choices;
  }
  if (pieces.length === 0) await Promise.race([sleep(o.firstTokenMs), ctx.closed]);
  const finishChunk = completionChunk(
    Array.from({ length: choices }, (_, index) => ({ index, text: '', finish_reason: finish })),
    meta,
  );
  if (!writeChunk(ctx, finishChunk)) return;
  if (body.stream_options?.include_usage === true) {
    const usage = { prompt_tokens: entry.promptTokens, completion_tokens: entry.completionTokens };
    if (!writeChunk(ctx, usageChunk(usage, meta))) return;
  }
  if (ctx.isClosed()) return;
  ctx.res.write('data: [DONE]\n\n');
  ctx.res.end();
}

/**
 * The file's text after the prompt: the rest of the cursor line, plus `extraLines` whole lines.
 * An unknown prompt gets an empty answer (a model with nothing to add).
 */
export function continuationOf(prompt: string, files: readonly string[], extraLines: number): string {
  for (const file of files) {
    // The prompt is the start of the file unless the token budget cut its beginning off.
    const at = file.indexOf(prompt);
    if (at === -1) continue;
    const rest = file.slice(at + prompt.length);
    let end = -1;
    for (let line = 0; line <= extraLines; line++) {
      end = rest.indexOf('\n', end + 1);
      if (end === -1) return rest;
    }
    return rest.slice(0, end);
  }
  return '';
}

/** A plausible wrong answer: the first word changed (rot13), so no user types through it. */
function mistaken(text: string): string {
  const word = /[A-Za-z]\w*/.exec(text);
  if (!word) return `#${text}`;
  const rot = word[0].replace(/[A-Za-z]/g, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
  return text.slice(0, word.index) + rot + text.slice(word.index + word[0].length);
}

/** What the API does with `stop`: the answer ends right before the first stop sequence. */
function cutAtStop(text: string, stop: readonly string[]): string {
  let end = text.length;
  for (const s of stop) {
    const i = text.indexOf(s);
    if (s !== '' && i !== -1 && i < end) end = i;
  }
  return text.slice(0, end);
}
