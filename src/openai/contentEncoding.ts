// The response body as the server meant it. We ask for no compression (Accept-Encoding: identity) and undici's
// request() does not decompress, yet some proxies and gateways gzip anyway; read as-is, a gzipped event stream
// looks like a stream that "ended before it was complete". Known codings are decoded; others are named.

import { pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { CompletionError } from '../core/completionError';
import { headerValue, type HeaderMap } from './headers';
import { snippet } from './text';

const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * An iterator over the decoded body. Throws CompletionError 'protocol' for a coding that cannot be read;
 * the iterator rejects with one when the compressed data is corrupt or cut short.
 */
export function decodedBody(res: { headers: HeaderMap; body: Readable }, label: string): AsyncIterator<Buffer> {
  // Codings are listed in the order they were applied; undo them last first.
  const codings = (headerValue(res.headers, 'content-encoding') ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length === 0) return res.body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const unknown = codings.find((c) => !DECODERS[c]);
  if (unknown !== undefined) {
    throw new CompletionError(
      'protocol',
      `${label} sent a response compressed with "${snippet(unknown, 30)}" (Content-Encoding), which was not asked for and cannot be read.`,
    );
  }
  const stages = codings.reverse().map((c) => DECODERS[c]!());
  const out = stages[stages.length - 1]!;
  // Errors travel down the pipeline, so the last stage's iterator sees a socket failure or our own close too.
  pipeline([res.body, ...stages], () => undefined);
  const inner = out[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const what = codings.join(', ');
  return {
    next: () =>
      inner.next().catch((err: unknown) => {
        throw isZlibError(err)
          ? new CompletionError('protocol', `${label} sent a ${what}-compressed response that could not be decompressed (it is corrupt or cut short).`, {
              cause: err,
            })
          : err;
      }),
    return: () => inner.return?.() ?? Promise.resolve({ done: true, value: undefined }),
  };
}

function isZlibError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}
