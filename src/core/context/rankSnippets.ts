// Orders what the sources found, best first: definitions of the symbols at the cursor (from
// the language server, then those open files visibly define, nearest use first), then windows
// of open files and recently edited places by how much they share with the code around the
// cursor (Jaccard similarity of identifier sets).

import { definitionBlock, definitionText } from './definitionBlock';
import { identifiersOf } from './identifiers';
import { importLines } from './importLines';
import type { IndexCache } from './indexCache';
import type { ContextSnippet } from './types';

/** An open editor's document, read only when its index for this version is missing. */
export interface OpenFile {
  key: string;
  path: string;
  languageId: string;
  version: number;
  /** Its length in characters, when known: past `MAX_INDEXED_CHARS` it is never read. */
  chars?: number;
  lines(): readonly string[];
}

/**
 * A larger neighbour (a generated, minified or data file) is rarely what the next line needs,
 * and indexing it would hold up the request, or the editor, for a second: left out.
 */
export const MAX_INDEXED_CHARS = 1_000_000;

export function isIndexable(file: OpenFile): boolean {
  return (file.chars ?? 0) <= MAX_INDEXED_CHARS;
}

export interface RankInput {
  languageId: string;
  /** Text before the cursor: its last lines are what snippets are compared with. */
  prefix: string;
  /** The file's first lines (up to the cursor), where its imports are. */
  head?: string;
  openFiles: readonly OpenFile[];
  /** Nearest symbol first. */
  definitions: readonly ContextSnippet[];
  recentEdits: readonly ContextSnippet[];
  cache: IndexCache;
}

/** Lines before the cursor that say what the user is working on. */
export const QUERY_LINES = 20;
/** Lines at the top of a file searched for its imports. */
export const HEAD_LINES = 60;
const WINDOWS_PER_FILE = 2;
/** Definitions found in open files; the budget usually runs out before. */
const OPEN_FILE_DEFINITIONS = 12;
/** A definition is read this far; beyond `WHOLE_DEFINITION` lines only its outline is shown. */
const DEFINITION_LINES = 60;
const WHOLE_DEFINITION = 10;
const OUTLINE_LINES = 16;
/** Enough to fill any share of a 4k window; more would only cost formatting time. */
const MAX_SNIPPETS = 16;
/** An edit the user just made is likelier to matter than an equally similar untouched window. */
const RECENT_EDIT_BONUS = 0.1;

export function rankSnippets(r: RankInput): ContextSnippet[] {
  const queryText = lastLines(r.prefix, QUERY_LINES);
  const query = identifiersOf(queryText);
  const files = r.openFiles
    .filter((f) => sameFamily(f.languageId, r.languageId) && isIndexable(f))
    .map((f) => ({ file: f, index: r.cache.get(f.key, f.version, () => f.lines()) }));

  // Names used near the cursor first, then those the file imports (likely used next).
  const imported = importLines(r.head ?? '').join('\n');
  const names = [...new Set([...nearestFirst(queryText), ...nearestFirst(imported).reverse()])];
  const defined: ContextSnippet[] = [];
  for (const name of names) {
    if (defined.length === OPEN_FILE_DEFINITIONS) break;
    for (const { file, index } of files) {
      const line = index.definitionLine(name);
      if (line === undefined) continue;
      const block = definitionBlock(index.lines, line, DEFINITION_LINES);
      const text = definitionText(index.lines, block, WHOLE_DEFINITION, OUTLINE_LINES);
      defined.push({ kind: 'definition', path: file.path, ...block, text, score: 1 });
      break;
    }
  }

  const similar: ContextSnippet[] = [];
  for (const edit of r.recentEdits) {
    const score = jaccard(query, identifiersOf(edit.text));
    if (score > 0) similar.push({ ...edit, score: score + RECENT_EDIT_BONUS });
  }
  for (const { file, index } of files) {
    for (const w of index.best(query, WINDOWS_PER_FILE)) {
      similar.push({ kind: 'openFile', path: file.path, startLine: w.startLine, endLine: w.endLine, text: index.text(w.startLine, w.endLine), score: w.score });
    }
  }
  similar.sort((a, b) => b.score - a.score);
  return [...r.definitions, ...defined, ...similar].slice(0, MAX_SNIPPETS);
}

/** The identifiers of `text`, the one used last (nearest the cursor) first. */
function nearestFirst(text: string): string[] {
  return [...identifiersOf(text)].map((name) => ({ name, at: text.lastIndexOf(name) })).sort((a, b) => b.at - a.at).map((x) => x.name);
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
