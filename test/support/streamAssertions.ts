// Reading a completion stream in tests: its text, or the typed error it must end with.

import * as assert from 'node:assert/strict';
import { CompletionError, type CompletionErrorKind } from '../../src/core/completionError';
import type { StreamEvent } from '../../src/core/ports';

/** All streamed text, every choice run together (tests here ask for one). */
export async function streamedText(events: AsyncIterable<StreamEvent>): Promise<string> {
  let text = '';
  for await (const event of events) if (event.type === 'delta') text += event.text;
  return text;
}

/**
 * The CompletionError of kind `kind` the stream ends with, and the events it yielded before;
 * fails the test if it ends normally or with anything else.
 */
export async function streamFailure(
  events: AsyncIterable<StreamEvent>,
  kind: CompletionErrorKind,
): Promise<CompletionError & { before: StreamEvent[] }> {
  const before: StreamEvent[] = [];
  try {
    for await (const event of events) before.push(event);
  } catch (err) {
    assert.ok(err instanceof CompletionError, `expected CompletionError, got ${String(err)}`);
    assert.equal(err.kind, kind, `kind ${err.kind}: ${err.message}`);
    return Object.assign(err, { before });
  }
  assert.fail(`expected a CompletionError '${kind}', but the stream ended normally after ${JSON.stringify(before)}`);
}
