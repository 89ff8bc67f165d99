// Overlapping windows of a file's lines, indexed by identifier so that finding the windows
// most like the code at the cursor costs in proportion to what the cursor's code mentions,
// not to the file's length. Built once per document version (indexCache.ts).

import { identifiersOf } from './identifiers';
import { definedName } from './lexicalDefinitions';

export interface WindowShape {
  /** Lines per window. */
  size: number;
  /** Lines between the starts of two windows; less than `size` so that windows overlap. */
  stride: number;
}

export const DEFAULT_WINDOW_SHAPE: WindowShape = { size: 16, stride: 8 };

export interface RankedWindow {
  startLine: number;
  /** Exclusive. */
  endLine: number;
  /** Jaccard similarity of the window's identifiers to the query's, 0..1. */
  score: number;
}

export class WindowIndex {
  private constructor(
    readonly lines: readonly string[],
    private readonly shape: WindowShape,
    /** Distinct identifiers per window. */
    private readonly sizes: Uint32Array,
    /** Identifier → the windows that contain it, ascending. */
    private readonly postings: Map<string, number[]>,
    /** Name → the first line that defines it. */
    private readonly definitions: Map<string, number>,
  ) {}

  static build(lines: readonly string[], shape: WindowShape = DEFAULT_WINDOW_SHAPE): WindowIndex {
    const count = lines.length <= shape.size ? 1 : Math.ceil((lines.length - shape.size) / shape.stride) + 1;
    const perLine = lines.map((line) => [...identifiersOf(line)]);
    const definitions = new Map<string, number>();
    lines.forEach((line, i) => {
      const name = definedName(line);
      if (name !== undefined && !definitions.has(name)) definitions.set(name, i);
    });
    const sizes = new Uint32Array(count);
    const postings = new Map<string, number[]>();
    // The last window each identifier was counted in: windows are visited in order, so this
    // replaces a set per window (building is what a changed file costs the next request).
    const lastWindow = new Map<string, number>();
    for (let w = 0; w < count; w++) {
      let distinct = 0;
      const end = Math.min(lines.length, w * shape.stride + shape.size);
      for (let l = w * shape.stride; l < end; l++) {
        for (const id of perLine[l]!) {
          if (lastWindow.get(id) === w) continue;
          lastWindow.set(id, w);
          distinct++;
          const list = postings.get(id);
          if (list) list.push(w);
          else postings.set(id, [w]);
        }
      }
      sizes[w] = distinct;
    }
    return new WindowIndex(lines, shape, sizes, postings, definitions);
  }

  /** The line that defines `name` in this file, if a line visibly does. */
  definitionLine(name: string): number | undefined {
    return this.definitions.get(name);
  }

  /** The `max` windows most like `query`, best first, none overlapping another, none scoring 0. */
  best(query: ReadonlySet<string>, max: number): RankedWindow[] {
    if (query.size === 0 || max <= 0) return [];
    const shared = new Uint32Array(this.sizes.length);
    const touched: number[] = [];
    for (const id of query) {
      for (const w of this.postings.get(id) ?? []) {
        if (shared[w] === 0) touched.push(w);
        shared[w]!++;
      }
    }
    const scored = touched.map((w) => ({ w, score: shared[w]! / (query.size + this.sizes[w]! - shared[w]!) }));
    scored.sort((a, b) => b.score - a.score || a.w - b.w);

    const picked: RankedWindow[] = [];
    for (const { w, score } of scored) {
      const startLine = w * this.shape.stride;
      const endLine = Math.min(this.lines.length, startLine + this.shape.size);
      if (picked.some((p) => startLine < p.endLine && p.startLine < endLine)) continue;
      picked.push({ startLine, endLine, score });
      if (picked.length === max) break;
    }
    return picked;
  }

  text(startLine: number, endLine: number): string {
    return this.lines.slice(startLine, endLine).join('\n');
  }
}
