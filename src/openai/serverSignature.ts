// Which compatible server wrote a completion chunk, from fields each one fills in its own way.
// Only servers whose differences matter are recognised (core/stream/servers.ts says why).
//   llama.cpp's server: `system_fingerprint` is its build ("b4567-1a2b3c4"), ids are
//     "chatcmpl-…" even on /v1/completions, and its final chunk carries `timings`.
//   Ollama: `system_fingerprint` is "fp_ollama".

import type { KnownServer } from '../core/ports';
import { isRecord } from './json';

const LLAMA_CPP_BUILD = /^b\d+-[0-9a-f]+$/;

export function serverOfChunk(chunk: Record<string, unknown>): KnownServer | undefined {
  const fingerprint = typeof chunk.system_fingerprint === 'string' ? chunk.system_fingerprint : '';
  if (fingerprint === 'fp_ollama') return 'ollama';
  if (LLAMA_CPP_BUILD.test(fingerprint)) return 'llama.cpp';
  const id = typeof chunk.id === 'string' ? chunk.id : '';
  if (chunk.object === 'text_completion' && id.startsWith('chatcmpl-')) return 'llama.cpp';
  if (isRecord(chunk.timings) && 'prompt_n' in chunk.timings) return 'llama.cpp';
  return undefined;
}
