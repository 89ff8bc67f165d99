// The words around a snippet: the model reads them as a comment in the current file, so they
// say where the code comes from, the way a person would annotate a pasted excerpt.

import { languageName } from '../languageNames';
import { asComment, type CommentStyle } from './commentStyle';
import type { ContextSnippet, SnippetKind } from './types';

const INTRO: Readonly<Record<SnippetKind, string>> = {
  definition: 'Definition in',
  recentEdit: 'Recently edited in',
  openFile: 'Compare this snippet from',
};

/** The current file's path and language, first line of the prompt. */
export function formatHeader(path: string, languageId: string, style: CommentStyle): string {
  return asComment(`Path: ${path} (${languageName(languageId)})`, style);
}

export function formatSnippet(snippet: ContextSnippet, style: CommentStyle): string {
  return asComment(`${INTRO[snippet.kind]} ${snippet.path}:\n${snippet.text.replace(/\s+$/, '')}`, style);
}

/** How the log names a snippet: kind, path and 1-based lines. */
export function snippetLabel(snippet: ContextSnippet): string {
  return `${snippet.kind} ${snippet.path}:${snippet.startLine + 1}-${snippet.endLine}`;
}
