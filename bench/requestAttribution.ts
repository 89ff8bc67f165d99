// Which provider call sent which request. Calls overlap (a keystroke's call is still waiting
// when the next one starts), so a global counter cannot tell; the async context can: the
// stream function runs inside the call that decided to send the request.

import { AsyncLocalStorage } from 'node:async_hooks';
import type { StreamFn } from '../src/core/ports';

export interface CallRecord {
  kind: 'keystroke' | 'growth';
  /** Requests this call sent to the server. */
  requests: number;
  /** The call came back, still current, with a suggestion that was shown. */
  shown: boolean;
  /** The call came back, still current, with nothing: the editor shows no ghost text there. */
  empty: boolean;
  /** The shown suggestion differs from the ghost text that was visible before. */
  changedText: boolean;
}

export class RequestAttribution {
  /** Requests sent outside any call (should stay 0). */
  unattributed = 0;
  private readonly context = new AsyncLocalStorage<CallRecord>();

  run<T>(record: CallRecord, fn: () => T): T {
    return this.context.run(record, fn);
  }

  wrap(stream: StreamFn): StreamFn {
    return (request, endpoint, signal, options) => {
      const record = this.context.getStore();
      if (record) record.requests++;
      else this.unattributed++;
      return stream(request, endpoint, signal, options);
    };
  }
}
