// Fills the context's share of the token budget, best snippet first, and lays the chosen ones
// out above the file's own text: header at the top, the best snippet nearest the code.

import { cachedTokenCount as countTokens } from './tokenCountCache';
import { commentStyleFor } from './commentStyle';
import { formatHeader, formatSnippet, snippetLabel } from './formatSnippet';
import type { ContextSnippet, GatheredContext } from './types';

export interface FilledContext {
  /** Comment lines to put before the prompt ('' when nothing fits or the language has no comments). */
  text: string;
  tokens: number;
  /** Labels of the snippets that went in, best first (for the log). */
  included: string[];
}

export const NO_CONTEXT: FilledContext = Object.freeze({ text: '', tokens: 0, included: [] }) as FilledContext;

/** Snippets tried after the first one that did not fit: smaller ones further down may still fit. */
const MISSES_ALLOWED = 4;

export function fillContext(gathered: GatheredContext, languageId: string, budget: number, header: boolean): FilledContext {
  const style = commentStyleFor(languageId);
  if (!style || budget <= 0) return NO_CONTEXT;
  const head = header && gathered.path ? formatHeader(gathered.path, languageId, style) : '';
  let spent = countTokens(head);
  if (spent > budget) return NO_CONTEXT;

  const chosen: Array<{ block: string; tokens: number; snippet: ContextSnippet }> = [];
  let misses = 0;
  for (const snippet of gathered.snippets) {
    if (chosen.some((c) => overlaps(c.snippet, snippet))) continue;
    const block = formatSnippet(snippet, style);
    const tokens = countTokens(block);
    if (spent + tokens > budget) {
      if (++misses > MISSES_ALLOWED) break;
      continue;
    }
    chosen.push({ block, tokens, snippet });
    spent += tokens;
  }

  // Counting blocks apart can differ from counting them joined: check once, drop the worst.
  for (;;) {
    const text = head + chosen.map((c) => c.block).reverse().join('');
    const tokens = countTokens(text);
    if (tokens <= budget || chosen.length === 0) {
      return tokens <= budget ? { text, tokens, included: chosen.map((c) => snippetLabel(c.snippet)) } : NO_CONTEXT;
    }
    chosen.pop();
  }
}

/**
 * The same lines of the same file, found by two sources (a definition inside a window). Two
 * definitions may overlap: a class's outline and one of its methods show different things.
 */
function overlaps(a: ContextSnippet, b: ContextSnippet): boolean {
  if (a.kind === 'definition' && b.kind === 'definition' && a.startLine !== b.startLine) return false;
  return a.path === b.path && a.startLine < b.endLine && b.startLine < a.endLine;
}
