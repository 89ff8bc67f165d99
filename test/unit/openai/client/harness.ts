// What the client tests share: the request they send, the key they use, a fake server per
// test, and how they read a stream to its end or to the error it must end with.

import * as assert from 'node:assert/strict';
import type { CompletionError, CompletionErrorKind } from '../../../../src/core/completionError';
import type { CompletionRequest, EndpointConfig, StreamEvent } from '../../../../src/core/ports';
import { fakeEndpoint, type FakeOpenAI } from '../../../support/fakeOpenAI';
import { streamFailure } from '../../../support/streamAssertions';
import { useFakeOpenAI } from '../../../support/useFakeOpenAI';

export const KEY = 'sk-test-AbCdEfGhIjKlMnOpQrStUvWxYz012345';
export const REQ: CompletionRequest = { model: 'gpt-3.5-turbo-instruct', prompt: 'function add(a, b) {\n', maxTokens: 32 };

export interface Run {
  events: StreamEvent[];
  /** Concatenated delta text per choice index. */
  texts: string[];
}

export async function run(gen: AsyncGenerator<StreamEvent>): Promise<Run> {
  const events: StreamEvent[] = [];
  const texts: string[] = [];
  for await (const ev of gen) {
    events.push(ev);
    if (ev.type === 'delta') texts[ev.index] = (texts[ev.index] ?? '') + ev.text;
  }
  return { events, texts };
}

/** The CompletionError of `kind` the stream must end with (its message never shows the key), and the events before it. */
export async function failure(gen: AsyncGenerator<StreamEvent>, kind: CompletionErrorKind): Promise<CompletionError & { before: StreamEvent[] }> {
  const err = await streamFailure(gen, kind);
  assert.ok(!err.message.includes(KEY), 'key in message');
  return err;
}

/** Call inside a `describe`: a fresh fake server per test, and endpoint settings that point at it. */
export function useClientServer(): { server(): FakeOpenAI; config(over?: Partial<EndpointConfig>): EndpointConfig } {
  let current: FakeOpenAI | undefined;
  useFakeOpenAI((started) => (current = started));
  const server = (): FakeOpenAI => {
    if (!current) throw new Error('the fake server runs only during a test');
    return current;
  };
  return { server, config: (over = {}) => fakeEndpoint(server(), KEY, over) };
}
