// What the baselines share: ask for the same prompt the engine would build (planRequest), read
// the whole answer, then post-process it for the cursor. None of them shows a partial answer.

import type { StreamFn } from '../src/core/ports';
import type { CompletionInput, Suggestion } from '../src/core/input/completionInput';
import { endpointFor } from '../src/core/endpointConfig';
import { postProcessCompletion } from '../src/core/postprocess/postProcess';
import { planRequest } from '../src/core/plan/requestPlan';

export interface WholeAnswer {
  text: string;
  singleLine: boolean;
}

/** The whole answer of choice 0, or undefined when the request failed or `signal` aborted it. */
export async function requestWholeAnswer(stream: StreamFn, input: CompletionInput, signal: AbortSignal): Promise<WholeAnswer | undefined> {
  const plan = planRequest(input, true, 1);
  const events = stream(plan.request, endpointFor(input.settings, input.apiKey), signal, { includeSuffix: true });
  let text = '';
  try {
    for await (const event of events) {
      if (event.type === 'delta' && event.index === 0) text += event.text;
    }
  } catch {
    return undefined;
  }
  return { text, singleLine: plan.singleLine };
}

/** `text` (an answer, or what is left of it after typing) as the suggestion for `input`'s cursor. */
export function suggestionOf(text: string, singleLine: boolean, input: CompletionInput): Suggestion[] {
  const processed = postProcessCompletion(text, {
    linePrefix: input.linePrefix,
    lineSuffix: input.lineSuffix,
    nextLines: input.nextLines,
    multiline: !singleLine,
    indentUnit: input.indentUnit,
  });
  return processed ? [processed] : [];
}
