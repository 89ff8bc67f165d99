// Turns a CompletionInput into the request to send: token budget, single- or multi-line,
// stop sequences (at most 4 sent, the rest enforced while streaming) and choice count.

import type { CompletionRequest } from '../ports';
import { fillContext, NO_CONTEXT } from '../context/fillBudget';
import type { CompletionInput } from '../input/completionInput';
import { decideMultiline } from './multiline';
import { builtInStopSequences, mergeStopSequences, splitStopSequences } from './stopSequences';
import { contextWindowForModel, fitTokenBudget, SPECIAL_TOKEN_MARGIN } from './tokenBudget';

export interface RequestPlan {
  request: CompletionRequest;
  /** Stop sequences beyond the API's 4, checked on the stream. */
  clientStops: string[];
  singleLine: boolean;
  /** Prompt tokens: the context's and the file's. */
  promptTokens: number;
  suffixTokens: number;
  /** Of `promptTokens`, those spent on other files' snippets and the header. */
  contextTokens: number;
  /** The snippets that went in, best first (for the log). */
  contextSnippets: string[];
  /** How long gathering them held the request back (for the log); undefined without context. */
  contextMs?: number;
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
  // Other files' context takes at most its share of the prompt budget; what it leaves is the file's.
  const available = Math.max(0, window - maxTokens - SPECIAL_TOKEN_MARGIN);
  const context = input.context
    ? fillContext(input.context, input.languageId, Math.floor(available * s.context.share), s.context.fileHeader)
    : NO_CONTEXT;
  const fitted = fitTokenBudget(input.prefix, sendSuffix ? input.suffix : '', {
    contextTokens: window - context.tokens,
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
    prompt: context.text + fitted.prefix,
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
    promptTokens: context.tokens + fitted.prefixTokens,
    suffixTokens: fitted.suffixTokens,
    contextTokens: context.tokens,
    contextSnippets: context.included,
    contextMs: input.context?.gatherMs,
  };
}
