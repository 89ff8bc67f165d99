// A dispatcher for a proxy whose URL is unusable. undici's ProxyAgent would throw at construction, where
// nobody sees it; this fails every request with the configuration error instead, without any network I/O,
// so the user reads it where completions would appear, and fixing the setting takes effect at once.

import { Dispatcher } from 'undici';
import { CompletionError } from '../core/completionError';

/** Stands in for a proxy whose URL is unusable: every request fails at once with the configuration error. */
export class RejectingDispatcher extends Dispatcher {
  constructor(private readonly error: CompletionError) {
    super();
  }

  override dispatch(): boolean {
    // A fresh error per request (own stack), same message; undici's request() turns the throw into a rejection.
    throw new CompletionError(this.error.kind, this.error.message);
  }

  override close(callback: () => void): void;
  override close(): Promise<void>;
  override close(callback?: () => void): Promise<void> | void {
    if (!callback) return Promise.resolve();
    queueMicrotask(callback);
  }

  override destroy(err: Error | null, callback: () => void): void;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null): Promise<void>;
  override destroy(): Promise<void>;
  override destroy(a?: Error | null | (() => void), b?: () => void): Promise<void> | void {
    const callback = typeof a === 'function' ? a : b;
    if (!callback) return Promise.resolve();
    queueMicrotask(callback);
  }
}
