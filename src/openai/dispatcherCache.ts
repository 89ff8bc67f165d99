// Long-lived undici dispatchers keyed by their settings. Agents own connection pools (and proxy tunnels), so
// making one per request would defeat keep-alive: a new TCP and TLS handshake before every completion.

import type { Dispatcher } from 'undici';

export class DispatcherCache<K, D extends Dispatcher> {
  private readonly byKey = new Map<K, D>();

  /** The dispatcher for `key`, made by `create` the first time. */
  get(key: K, create: () => D): D {
    let d = this.byKey.get(key);
    if (!d) {
      d = create();
      this.byKey.set(key, d);
    }
    return d;
  }

  /** Empties the cache and destroys each dispatcher, ignoring ones already closed. */
  async destroyAll(): Promise<void> {
    const all = [...this.byKey.values()];
    this.byKey.clear();
    await Promise.all(all.map((d) => d.destroy().catch(() => undefined)));
  }
}
