// Window indexes of other files, one per document version: a file is indexed the first time a
// request needs it after it changed, never on a keystroke, and never twice for one version.

import { LruCache } from '../lruCache';
import { WindowIndex, type WindowShape } from './windowIndex';

/** More open files than this are rare; the least recently used index is dropped first. */
const MAX_INDEXED = 64;

export class IndexCache {
  private readonly indexes = new LruCache<string, { version: number; index: WindowIndex }>(MAX_INDEXED);
  /** How many indexes were built (for tests and the bench). */
  builds = 0;

  constructor(private readonly shape?: WindowShape) {}

  /** The index of `key` at `version`; `lines` is only called when it has to be built. */
  get(key: string, version: number, lines: () => readonly string[]): WindowIndex {
    const cached = this.indexes.get(key);
    if (cached && cached.version === version) return cached.index;
    const index = WindowIndex.build(lines(), this.shape);
    this.builds++;
    this.indexes.set(key, { version, index });
    return index;
  }

  /** A closed document's index is of no further use. */
  forget(key: string): void {
    this.indexes.delete(key);
  }
}
