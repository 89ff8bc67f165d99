// Whether a document may be completed right now, and with which key: the checks every
// request (typed or Complete Selection) passes before anything is sent.

import * as vscode from 'vscode';
import { needsApiKey } from '../core/endpointConfig';
import { excludeMatcher, type ExcludeMatcher } from '../core/secretFiles';
import type { CompletionSettings } from '../core/settings';
import { notForWriting } from './editorPlace';
import { cellOf, NOTEBOOK_CELL_SCHEME } from './notebookCells';

/**
 * Where suggestions are offered: real, new, remote (`vscode-remote`), virtual (`vscode-vfs`:
 * GitHub repositories, Codespaces on the web) files and notebook cells. Not the output panel
 * (`output`), the SCM input box (`vscode-scm`), git's old versions in diffs (`git`) or settings.
 */
export const SUPPORTED_SCHEMES = ['file', 'untitled', 'vscode-remote', 'vscode-vfs', NOTEBOOK_CELL_SCHEME];

export interface AdmissionDeps {
  /** The end of a snooze, or undefined when not snoozed. */
  snoozedUntil(): number | undefined;
  apiKey(): Promise<string | undefined>;
  /** Called with every key read, so the log can mask whichever credentials are in use now. */
  onKeyRead(apiKey: string | undefined, settings: CompletionSettings): void;
  /** The server needs a key and none is stored. */
  onMissingKey(): void;
}

export class Admission {
  /** Documents Complete Selection is writing into: a suggestion there would chase its edits. */
  private readonly writing = new Set<string>();

  constructor(private readonly deps: AdmissionDeps) {}

  /** The key to use, or null when completions must not run for this document. */
  async admit(document: vscode.TextDocument, settings: CompletionSettings): Promise<{ apiKey: string | undefined } | null> {
    if (!settings.enable || this.deps.snoozedUntil() !== undefined) return null;
    if (this.isBeingWritten(document)) return null;
    if (!SUPPORTED_SCHEMES.includes(document.uri.scheme)) return null;
    // Markdown cells are prose for people; only code cells are completed.
    if (cellOf(document)?.cell.kind === vscode.NotebookCellKind.Markup) return null;
    if (notForWriting(document)) return null;
    // Secrets files never leave the machine, whatever else is configured.
    if (isExcluded(document, settings)) return null;
    const apiKey = await this.deps.apiKey();
    this.deps.onKeyRead(apiKey, settings);
    if (needsApiKey(settings) && !apiKey) {
      this.deps.onMissingKey();
      return null;
    }
    return { apiKey };
  }

  isBeingWritten(document: vscode.TextDocument): boolean {
    return this.writing.has(document.uri.toString());
  }

  /** Until disposed, nothing else completes in `document`: Complete Selection is writing there. */
  holdForWriting(document: vscode.TextDocument): vscode.Disposable {
    const key = document.uri.toString();
    this.writing.add(key);
    return new vscode.Disposable(() => this.writing.delete(key));
  }
}

let cached: { key: string; matcher: ExcludeMatcher } | undefined;

/**
 * The glob that keeps this document's text on the machine, if any. Matched on the URI's path,
 * so untitled documents with a path, remote and virtual files follow the same rules as files.
 */
export function excludedBy(document: vscode.TextDocument, settings: CompletionSettings): string | undefined {
  // Compiling the globs costs more than matching: once per distinct list, not per keystroke.
  const key = JSON.stringify(settings.exclude);
  if (cached?.key !== key) cached = { key, matcher: excludeMatcher(settings.exclude) };
  return cached.matcher.match(document.uri.path);
}

function isExcluded(document: vscode.TextDocument, settings: CompletionSettings): boolean {
  return excludedBy(document, settings) !== undefined;
}
