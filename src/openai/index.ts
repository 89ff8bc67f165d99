// Public API of the Completions client. No vscode import anywhere under src/openai.

export type {
  CompletionRequest,
  EndpointConfig,
  FinishReason,
  ProviderKind,
  StreamEvent,
  Timeouts,
  Usage,
} from './types';
export { streamCompletion, type StreamOptions } from './client';
export { checkKey, type CheckKeyResult } from './models';
export {
  CompletionError,
  isCompletionError,
  parseRetryAfter,
  redact,
  userMessage,
  type CompletionErrorKind,
  type TimeoutPhase,
} from './errors';
export {
  completionsEndpoint,
  completionsUrl,
  DEFAULT_AZURE_API_VERSION,
  isLoopbackHost,
  modelsEndpoint,
  modelsUrl,
  type EndpointTarget,
} from './endpoint';
export { apiStopSequences, buildRequestBody, MAX_API_STOP_SEQUENCES, type CompletionRequestBody, type RequestBodyOptions } from './requestBody';
export { createSSEDecoder, parseSSE, type SSEEvent } from './sseStream';
export { closeAgents } from './transport';
