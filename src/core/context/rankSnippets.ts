// Orders what the sources found, best first: definitions of the symbols at the cursor, then
// windows of open files and recently edited places by how much they share with the code
// around the cursor (Jaccard similarity of identifier sets).

import { identifiersOf } from './identifiers';
import type { IndexCache } from './indexCache';
import type { ContextSnippet } from './types';

/** An open editor's document, read only when its index for this version is missing. */
export interface OpenFile {
  key: string;
  path: string;
  languageId: string;
  version: number;
  lines(): readonly string[];
}

export interface RankInput {
  languageId: string;
  /** Text before the cursor: its last lines are what snippets are compared with. */
  prefix: string;
  openFiles: readonly OpenFile[];
  /** Nearest symbol first. */
  definitions: readonly ContextSnippet[];
  recentEdits: readonly ContextSnippet[];
  cache: IndexCache;
}

/** Lines before the cursor that say what the user is working on. */
export const QUERY_LINES = 20;
const WINDOWS_PER_FILE = 2;
/** Enough to fill any share of a 4k window; more would only cost formatting time. */
const MAX_SNIPPETS = 16;
/** An edit the user just made is likelier to matter than an equally similar untouched window. */
const RECENT_EDIT_BONUS = 0.1;

export function rankSnippets(r: RankInput): ContextSnippet[] {
  const query = identifiersOf(lastLines(r.prefix, QUERY_LINES));
  const similar: ContextSnippet[] = [];
  for (const edit of r.recentEdits) {
    const score = jaccard(query, identifiersOf(edit.text));
    if (score > 0) similar.push({ ...edit, score: score + RECENT_EDIT_BONUS });
  }
  for (const file of r.openFiles) {
    if (!sameFamily(file.languageId, r.languageId)) continue;
    const index = r.cache.get(file.key, file.version, () => file.lines());
    for (const w of index.best(query, WINDOWS_PER_FILE)) {
      similar.push({ kind: 'openFile', path: file.path, startLine: w.startLine, endLine: w.endLine, text: index.text(w.startLine, w.endLine), score: w.score });
    }
  }
  similar.sort((a, b) => b.score - a.score);
  return [...r.definitions, ...similar].slice(0, MAX_SNIPPETS);
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Languages whose code can inform each other (a .tsx file and a .ts file, C and C++). */
const FAMILIES: readonly string[][] = [
  ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'vue', 'svelte'],
  ['c', 'cpp', 'objective-c', 'objective-cpp'],
];

export function sameFamily(a: string, b: string): boolean {
  return a === b || FAMILIES.some((f) => f.includes(a) && f.includes(b));
}

function lastLines(text: string, n: number): string {
  let start = text.length;
  for (let i = 0; i < n && start > 0; i++) start = text.lastIndexOf('\n', start - 1);
  return text.slice(Math.max(0, start));
}
