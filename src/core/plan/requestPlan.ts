// Turns a CompletionInput into the request to send: token budget, single- or multi-line,
// stop sequences (at most 4 sent, the rest enforced while streaming) and choice count.

import type { CompletionRequest } from '../ports';
import type { CompletionInput } from '../input/completionInput';
import { decideMultiline } from './multiline';
import { builtInStopSequences, mergeStopSequences, splitStopSequences } from './stopSequences';
import { contextWindowForModel, fitTokenBudget } from './tokenBudget';

export interface RequestPlan {
  request: CompletionRequest;
  /** Stop sequences beyond the API's 4, checked on the stream. */
  clientStops: string[];
  singleLine: boolean;
  promptTokens: number;
  suffixTokens: number;
}

export function planRequest(input: CompletionInput, sendSuffix: boolean, choices: number): RequestPlan {
  const s = input.settings;
  const multiline = decideMultiline(s.multiline, {
    linePrefix: input.linePrefix,
    lineSuffix: input.lineSuffix,
    languageId: input.languageId,
  });
  const window = Math.min(s.contextTokens, contextWindowForModel(s.model, s.modelContextWindows));
  // Never let the answer take more than half the window: the prompt is what makes it good.
  const maxTokens = Math.max(1, Math.min(s.maxTokens, Math.floor(window / 2)));
  const fitted = fitTokenBudget(input.prefix, sendSuffix ? input.suffix : '', {
    contextTokens: window,
    maxTokens,
    suffixShare: s.suffixShare,
  });

  let sent: string[];
  let clientStops: string[];
  if (multiline) {
    ({ sent, clientSide: clientStops } = splitStopSequences(
      mergeStopSequences(builtInStopSequences(input.languageId, input.eol), s.stop),
    ));
  } else {
    // One line wanted: the newline is the only stop that matters, and it ends billing there.
    sent = ['\n'];
    clientStops = [];
  }

  const request: CompletionRequest = {
    model: s.model,
    prompt: fitted.prefix,
    maxTokens,
    temperature: s.temperature,
    stop: sent,
    n: choices,
  };
  if (sendSuffix && fitted.suffix !== '') request.suffix = fitted.suffix;
  return {
    request,
    clientStops,
    singleLine: !multiline,
    promptTokens: fitted.prefixTokens,
    suffixTokens: fitted.suffixTokens,
  };
}
