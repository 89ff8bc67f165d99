// Reading the error a server put in a body, in the shapes OpenAI and the compatible servers use.

import { isRecord } from './json';

/** The `error` object of an OpenAI-style error body, as far as it can be read. */
export interface ServerErrorInfo {
  message?: string;
  type?: string;
  param?: string;
  code?: string;
  /** A numeric status some compatible servers put in `error.code` (llama.cpp) or `code` (vLLM). */
  status?: number;
}

/**
 * Reads `{error: {message, type, param, code}}` (OpenAI, Azure, Ollama, new vLLM), a bare
 * `{message, type, code}` (llama.cpp stream errors), `{object: 'error', ...}` (old vLLM) or `{error: "text"}`.
 * Returns undefined when the value does not look like an error.
 */
export function readServerError(value: unknown, bareAllowed = false): ServerErrorInfo | undefined {
  if (!isRecord(value)) return undefined;
  let e: unknown;
  if ('error' in value && value.error !== null && value.error !== undefined) e = value.error;
  else if (value.object === 'error' || bareAllowed) e = value;
  else return undefined;
  if (typeof e === 'string') return { message: e };
  if (!isRecord(e)) return { message: String(e) };
  const info: ServerErrorInfo = {};
  if (typeof e.message === 'string') info.message = e.message;
  if (typeof e.type === 'string') info.type = e.type;
  if (typeof e.param === 'string') info.param = e.param;
  if (typeof e.code === 'string') info.code = e.code;
  if (typeof e.code === 'number') info.status = e.code;
  return info;
}

/** `{"detail": "..."}` (FastAPI servers, e.g. older vLLM) or a top-level `{"message": "..."}`. */
export function otherJsonMessage(text: string): string | undefined {
  try {
    const v: unknown = JSON.parse(text);
    if (!isRecord(v)) return undefined;
    if (typeof v.detail === 'string') return v.detail;
    if (typeof v.message === 'string') return v.message;
  } catch {
    // not JSON
  }
  return undefined;
}
