import * as assert from 'node:assert/strict';
import { CompletionError } from '../../../../src/core/completionError';
import { endpointFor } from '../../../../src/core/endpointConfig';
import type { CompletionRequest, StreamEvent, StreamFn } from '../../../../src/core/ports';
import { DEFAULT_SETTINGS, type CompletionSettings } from '../../../../src/core/settings';
import { newChoices } from '../../../../src/core/stream/consumeStream';
import { choiceLimitFrom } from '../../../../src/core/stream/choiceLimit';
import { RequestRunner } from '../../../../src/core/stream/requestRunner';
import { inputAtCursor } from '../../../support/cursorFixture';

/** A server that refuses `suffix` the way llama.cpp-style servers do, and otherwise answers `text`. */
function refusingSuffix(text: string, sent: CompletionRequest[]): StreamFn {
  return async function* (request): AsyncIterable<StreamEvent> {
    sent.push(request);
    if (request.suffix !== undefined) {
      throw new CompletionError('bad-request', 'The server rejected the request.', {
        status: 400,
        param: 'suffix',
        serverMessage: 'suffix is not supported',
      });
    }
    yield { type: 'delta', index: 0, text };
    yield { type: 'finish', index: 0, reason: 'stop' };
  };
}

describe('RequestRunner', () => {
  const settings: CompletionSettings = { ...DEFAULT_SETTINGS, provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1' };
  const doc = 'def one():\n    █\n\nx = one()\n';
  const live = () => new AbortController().signal;

  it('retries once without `suffix` when the server refuses it, and remembers that server', async () => {
    const sent: CompletionRequest[] = [];
    const runner = new RequestRunner({ stream: refusingSuffix('return 1', sent), endpointFor });
    const input = inputAtCursor(doc, settings);
    const plan = runner.plan(input, 1);
    assert.notEqual(plan.request.suffix, undefined, 'useSuffix auto sends suffix to an unknown server');
    const choices = newChoices(1);
    const result = await runner.run(input, plan, choices, live());
    assert.equal(result.error, undefined);
    assert.equal(choices[0].text, 'return 1');
    assert.deepEqual(sent.map((r) => r.suffix !== undefined), [true, false]);
    assert.equal(result.plan.request.suffix, undefined, 'the report describes the request that answered');
    // Any later caller of the same runner (inline or Complete Selection) skips suffix at once.
    assert.equal(runner.plan(input, 1).request.suffix, undefined);
    const other = inputAtCursor(doc, { ...settings, baseUrl: 'http://127.0.0.1:10/v1' });
    assert.notEqual(runner.plan(other, 1).request.suffix, undefined, 'another server is not affected');
  });

  it('does not retry when the user asked for `suffix` always', async () => {
    const sent: CompletionRequest[] = [];
    const runner = new RequestRunner({ stream: refusingSuffix('return 1', sent), endpointFor });
    const input = inputAtCursor(doc, { ...settings, useSuffix: 'always' });
    const result = await runner.run(input, runner.plan(input, 1), newChoices(1), live());
    assert.equal(result.error?.kind, 'bad-request');
    assert.equal(sent.length, 1);
  });

  it('remembers a 429 for as long as the server asked', async () => {
    let now = 1000;
    const stream: StreamFn = async function* () {
      throw new CompletionError('rate-limited', 'Rate limit reached', { status: 429, retryAfterMs: 30_000 });
    };
    const runner = new RequestRunner({ stream, endpointFor, now: () => now });
    const input = inputAtCursor(doc, settings);
    const result = await runner.run(input, runner.plan(input, 1), newChoices(1), live());
    assert.equal(result.error?.kind, 'rate-limited');
    assert.equal(runner.gate.allows(false), false);
    now += 30_000;
    assert.equal(runner.gate.allows(false), true);
  });
});

describe('RequestRunner: a prompt the server finds too long', () => {
  const settings: CompletionSettings = { ...DEFAULT_SETTINGS, provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', contextTokens: 4096 };
  const doc = `${'x = 1\n'.repeat(4000)}█`;

  it('shrinks to the window the server names, retries once, and keeps the smaller window for the next request', async () => {
    const sent: CompletionRequest[] = [];
    const stream: StreamFn = async function* (request) {
      sent.push(request);
      if (request.prompt.length > 4000) {
        throw new CompletionError('bad-request', 'The server rejected the request.', {
          status: 400,
          code: 'context_length_exceeded',
          serverMessage: "This model's maximum context length is 1024 tokens, however you requested 4096 tokens.",
        });
      }
      yield { type: 'delta', index: 0, text: 'x = 2\n' };
      yield { type: 'finish', index: 0, reason: 'stop' };
    };
    const runner = new RequestRunner({ stream, endpointFor });
    const input = inputAtCursor(doc, settings);
    const result = await runner.run(input, runner.plan(input, 1), newChoices(1), new AbortController().signal);
    assert.equal(result.error, undefined);
    assert.equal(sent.length, 2, 'one refused request, one retry');
    assert.ok(sent[1].prompt.length < sent[0].prompt.length);
    // The next pause plans the smaller prompt at once: no refused request first.
    const next = runner.plan(input, 1);
    assert.ok(next.promptTokens + next.request.maxTokens <= 1024, `${next.promptTokens} + ${next.request.maxTokens}`);
  });

  it('retries only once when the server still refuses', async () => {
    let calls = 0;
    const stream: StreamFn = async function* () {
      calls++;
      throw new CompletionError('bad-request', 'too long', { status: 400, code: 'context_length_exceeded' });
    };
    const runner = new RequestRunner({ stream, endpointFor });
    const input = inputAtCursor(doc, settings);
    const result = await runner.run(input, runner.plan(input, 1), newChoices(1), new AbortController().signal);
    assert.equal(result.error?.kind, 'bad-request');
    assert.equal(calls, 2);
  });
});

describe('RequestRunner: a server with fewer slots than alternatives asked for', () => {
  const settings: CompletionSettings = { ...DEFAULT_SETTINGS, provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1' };
  const doc = 'def one():\n    █\n';

  /** llama.cpp's server with two slots: refuses n > 2 with its own wording, else streams n choices. */
  function twoSlots(sent: CompletionRequest[]): StreamFn {
    return async function* (request) {
      sent.push(request);
      const n = request.n ?? 1;
      if (n > 2) {
        throw new CompletionError('bad-request', 'The server rejected the request.', {
          status: 400,
          serverMessage: `Field 'n': Value must be between 1 <= value <= 2, but got ${n}`,
        });
      }
      for (let i = 0; i < n; i++) yield { type: 'delta', index: i, text: `return ${i}` };
      for (let i = 0; i < n; i++) yield { type: 'finish', index: i, reason: 'stop' };
    };
  }

  it('retries once with the largest n the server named, and asks no more of it next time', async () => {
    const sent: CompletionRequest[] = [];
    const runner = new RequestRunner({ stream: twoSlots(sent), endpointFor });
    const input = inputAtCursor(doc, { ...settings, alternatives: 3 });
    const choices = newChoices(3);
    const result = await runner.run(input, runner.plan(input, 3), choices, live());
    assert.equal(result.error, undefined);
    assert.deepEqual(sent.map((r) => r.n), [3, 2]);
    assert.deepEqual(choices.map((c) => c.text), ['return 0', 'return 1', '']);
    assert.equal(runner.plan(input, 3).request.n, 2);
    assert.equal(runner.plan(input, 1).request.n, 1);
    const other = inputAtCursor(doc, { ...settings, baseUrl: 'http://127.0.0.1:10/v1' });
    assert.equal(runner.plan(other, 3).request.n, 3, 'another server is not affected');
  });

  it('reads only that message: other 400s are not retried', () => {
    const said = (serverMessage: string) => choiceLimitFrom(new CompletionError('bad-request', 'x', { serverMessage }));
    assert.equal(said("Field 'n': Value must be between 1 <= value <= 4, but got 5"), 4);
    assert.equal(said("Field 'best_of': Value must be between 1 <= value <= 4"), undefined);
    assert.equal(said('n must be at most 4'), undefined);
  });
});

function live(): AbortSignal {
  return new AbortController().signal;
}
