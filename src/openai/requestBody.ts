// Turns a CompletionRequest into the JSON body of POST /completions, with documented fields only:
// the live API answers 400 to any unknown top-level parameter.

import type { CompletionRequest, ProviderKind } from '../core/ports';

/** The API accepts at most this many stop sequences; callers enforce the rest while streaming. */
export const MAX_API_STOP_SEQUENCES = 4;

export interface RequestBodyOptions {
  /** false drops `suffix` (for models/servers that reject it). Default true. */
  includeSuffix?: boolean;
  provider?: ProviderKind;
  /** false drops `stream_options` (for servers that reject it). Default true. */
  includeUsage?: boolean;
}

export interface CompletionRequestBody {
  model?: string;
  prompt: string;
  suffix?: string;
  max_tokens: number;
  temperature?: number;
  top_p?: number;
  stop?: string[];
  n?: number;
  stream: true;
  stream_options?: { include_usage: boolean };
}

export function buildRequestBody(req: CompletionRequest, opts: RequestBodyOptions = {}): CompletionRequestBody {
  const body: Partial<CompletionRequestBody> = {};
  // Azure routes by the deployment in the URL and its completions body does not document `model`;
  // sending the OpenAI model name there would only suggest it matters when it does not.
  if (opts.provider !== 'azure') body.model = req.model;
  body.prompt = req.prompt;
  // An empty suffix carries no information, and servers without suffix support (vLLM) reject even "".
  if (req.suffix !== undefined && req.suffix !== '' && opts.includeSuffix !== false) body.suffix = req.suffix;
  // Always sent: the API's default of 16 tokens is too short for code.
  body.max_tokens = req.maxTokens;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.top_p = req.topP;
  const stop = apiStopSequences(req.stop);
  if (stop.length > 0) body.stop = stop;
  if (req.n !== undefined && req.n > 1) body.n = req.n;
  body.stream = true;
  // Usage arrives in one extra chunk before [DONE].
  if (opts.includeUsage !== false) body.stream_options = { include_usage: true };
  return body as CompletionRequestBody;
}

/** The stop sequences the API gets: non-empty, deduplicated, first four in the caller's order. */
export function apiStopSequences(stop: readonly string[] | undefined): string[] {
  if (!stop) return [];
  const seen = new Set<string>();
  for (const s of stop) {
    if (typeof s === 'string' && s !== '' && !seen.has(s)) seen.add(s);
    if (seen.size === MAX_API_STOP_SEQUENCES) break;
  }
  return [...seen];
}
