// What core needs from outside (its ports): the request it makes, the events a stream yields,
// where to send it, and the stream function the client (src/openai) implements.


/** What the engine asks for; the client turns it into a documented request body. */
export interface CompletionRequest {
  model: string;
  prompt: string;
  /** Text after the insertion point; omitted when undefined. */
  suffix?: string;
  /** Always sent: the API's default of 16 is too short for code. */
  maxTokens: number;
  temperature?: number;
  topP?: number;
  /** At most 4 are sent; callers enforce any further ones client-side. */
  stop?: string[];
  /** Number of choices; 1 unless the user asked for alternatives. */
  n?: number;
}

export type ProviderKind = 'openai' | 'azure' | 'openai-compatible';

export interface Timeouts {
  /** TCP/TLS connect. */
  connectMs: number;
  /** From sending the request to the first byte of the response. */
  firstByteMs: number;
  /** Longest silence allowed between two chunks of a stream. */
  idleMs: number;
  /** Longest a whole stream may last, however steadily the server sends; a generous default when absent. */
  totalMs?: number;
}

export interface EndpointConfig {
  provider: ProviderKind;
  /** e.g. https://api.openai.com/v1 — `/completions` is appended. For Azure: the resource endpoint. */
  baseUrl: string;
  apiKey?: string;
  /** Azure only. */
  azureDeployment?: string;
  azureApiVersion?: string;
  /** OpenAI only: optional OpenAI-Organization / OpenAI-Project headers. */
  organization?: string;
  project?: string;
  /** Extra headers from settings. */
  headers?: Record<string, string>;
  timeouts: Timeouts;
  /** An undici Dispatcher (e.g. a ProxyAgent); the default global dispatcher when absent. */
  dispatcher?: unknown;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export type FinishReason = 'stop' | 'length' | 'content_filter' | string;

/** Compatible servers whose behaviour differs from OpenAI's in ways the engine acts on (servers.ts). */
export type KnownServer = 'llama.cpp' | 'ollama';

export type StreamEvent =
  | { type: 'delta'; index: number; text: string }
  | { type: 'finish'; index: number; reason: FinishReason }
  | { type: 'usage'; usage: Usage }
  /** The stream's chunks carry a known server's signature; sent once, before that chunk's other events. */
  | { type: 'server'; server: KnownServer };

/** Streams one completion request; throws `CompletionError` (src/core/completionError.ts) (kind 'aborted' once `signal` aborts). */
export type StreamFn = (
  request: CompletionRequest,
  endpoint: EndpointConfig,
  signal: AbortSignal,
  options: { includeSuffix: boolean },
) => AsyncIterable<StreamEvent>;
