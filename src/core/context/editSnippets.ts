// Recently edited places as snippets: the edited lines and a little around them, so the model
// sees the change with enough of its surroundings to recognise it.

import type { EditedRange } from './recentEdits';
import type { ContextSnippet } from './types';

const AROUND = 2;
const MAX_LINES = 20;

export interface EditedFile {
  path: string;
  lineCount: number;
  lineAt(line: number): string;
}

/** `edits` (newest first) as snippets; `fileOf` answers undefined for files that may not contribute. */
export function editSnippets(edits: readonly EditedRange[], fileOf: (key: string) => EditedFile | undefined, max: number): ContextSnippet[] {
  const out: ContextSnippet[] = [];
  for (const edit of edits) {
    if (out.length === max) break;
    const file = fileOf(edit.key);
    if (!file || file.lineCount === 0) continue;
    const startLine = Math.max(0, Math.min(edit.startLine - AROUND, file.lineCount - 1));
    const endLine = Math.min(file.lineCount, edit.endLine + AROUND, startLine + MAX_LINES);
    const lines: string[] = [];
    for (let l = startLine; l < endLine; l++) lines.push(file.lineAt(l));
    if (lines.every((l) => l.trim() === '')) continue;
    out.push({ kind: 'recentEdit', path: file.path, startLine, endLine, text: lines.join('\n'), score: 0 });
  }
  return out;
}
