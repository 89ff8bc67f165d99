// Gathers the context for one request from the editor: the file's path, similar windows of the
// other open editors, definitions of the symbols at the cursor and places edited lately, each
// source switched by its setting and each file checked by Eligibility. Ranking and budgeting
// are core's (src/core/context/); this file only reads VS Code.

import * as vscode from 'vscode';
import { editSnippets } from '../../core/context/editSnippets';
import { definitionBlock } from '../../core/context/definitionBlock';
import { IndexCache } from '../../core/context/indexCache';
import { IndexWarmer } from '../../core/context/indexWarmer';
import { HEAD_LINES, QUERY_LINES, rankSnippets, sameFamily, type OpenFile } from '../../core/context/rankSnippets';
import { symbolsNearCursor } from '../../core/context/symbolsNearCursor';
import type { ContextSnippet, ContextSource, GatheredContext } from '../../core/context/types';
import type { CompletionSettings } from '../../core/settings';
import { DEFINITION_LINES, DefinitionLookup, type FoundDefinition } from './definitions';
import { Eligibility } from './eligibility';
import { loadedDocument, openEditorDocuments } from './openEditors';
import { RecentEditsTracker } from './recentEditsTracker';

const SYMBOLS = 4;
const SYMBOL_LINES_ABOVE = 2;
const EDIT_SNIPPETS = 4;

export class ContextGatherer implements vscode.Disposable {
  private readonly indexes = new IndexCache();
  private readonly warmer = new IndexWarmer(this.indexes);
  private readonly definitions = new DefinitionLookup();
  private readonly tracker = new RecentEditsTracker();
  private readonly eligibility = new Eligibility();
  private readonly subscriptions: vscode.Disposable[];

  /** `settingsFor` decides, per active document, whether its open neighbours are worth indexing. */
  constructor(private readonly settingsFor: (document: vscode.TextDocument) => CompletionSettings) {
    // When the user settles on an editor (switched to, or tabs opened), its neighbours are
    // indexed in the background: the first request there then only ranks.
    const warm = () => this.warmForActiveEditor();
    this.subscriptions = [
      vscode.workspace.onDidCloseTextDocument((d) => this.indexes.forget(d.uri.toString())),
      vscode.window.onDidChangeActiveTextEditor(warm),
      vscode.window.tabGroups.onDidChangeTabs(warm),
    ];
    warm();
  }

  /** Indexes built so far, on the request path or in the background (for tests). */
  get indexBuilds(): number {
    return this.indexes.builds;
  }

  /** A source for the engine; nothing is read until it is asked, after the pause. */
  sourceFor(document: vscode.TextDocument, position: vscode.Position, settings: CompletionSettings): ContextSource | undefined {
    if (!settings.context.enable) return undefined;
    return { gather: () => this.gather(document, position, settings) };
  }

  dispose(): void {
    this.warmer.stop();
    this.subscriptions.forEach((s) => s.dispose());
    this.tracker.dispose();
    this.eligibility.dispose();
  }

  private async gather(document: vscode.TextDocument, position: vscode.Position, settings: CompletionSettings): Promise<GatheredContext> {
    const started = performance.now();
    const c = settings.context;
    const pathOf = this.otherFilesPaths(document, settings);
    // Ask the language servers first: they work while the rest is read and ranked.
    const symbols = symbolsNearCursor((l) => document.lineAt(l).text, position, SYMBOL_LINES_ABOVE, SYMBOLS);
    const lookup = c.definitions ? this.definitions.find(document, symbols, (uri) => pathOf(uri) !== undefined) : Promise.resolve([]);

    const openFiles = c.openFiles ? this.openFilesFor(pathOf) : [];
    const recentEdits = c.recentEdits
      ? editSnippets(this.tracker.edits.list(), (key) => editedFile(key, document.languageId, pathOf), EDIT_SNIPPETS)
      : [];
    const definitions = (await lookup).flatMap((d) => definitionSnippet(d, pathOf));

    const snippets = rankSnippets({
      languageId: document.languageId,
      prefix: textBefore(document, position),
      head: document.getText(new vscode.Range(0, 0, Math.min(position.line, HEAD_LINES), 0)),
      openFiles,
      definitions,
      recentEdits,
      cache: this.indexes,
    });
    return {
      path: c.fileHeader ? this.eligibility.pathOf(document.uri, settings.exclude) : undefined,
      snippets,
      gatherMs: performance.now() - started,
    };
  }

  /** The label of another file's snippets in `document`'s prompt; undefined for itself and for files that may not contribute. */
  private otherFilesPaths(document: vscode.TextDocument, settings: CompletionSettings): PathOf {
    const self = document.uri.toString();
    return (uri) => (uri.toString() === self ? undefined : this.eligibility.pathOf(uri, settings.exclude));
  }

  /** The open editors' documents that `pathOf` lets lend their text to a prompt. */
  private openFilesFor(pathOf: PathOf): OpenFile[] {
    const openFiles: OpenFile[] = [];
    for (const d of openEditorDocuments()) {
      const path = pathOf(d.uri);
      if (path === undefined) continue;
      openFiles.push({
        key: d.uri.toString(),
        path,
        languageId: d.languageId,
        version: d.version,
        chars: d.offsetAt(new vscode.Position(d.lineCount, 0)),
        lines: () => d.getText().split(/\r?\n/),
      });
    }
    return openFiles;
  }

  private warmForActiveEditor(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document) return;
    const settings = this.settingsFor(document);
    if (!settings.enable || !settings.context.enable || !settings.context.openFiles) return this.warmer.stop();
    // Only what a request from this document would rank: files of the same language family.
    this.warmer.warm(this.openFilesFor(this.otherFilesPaths(document, settings)).filter((f) => sameFamily(f.languageId, document.languageId)));
  }
}

type PathOf = (uri: vscode.Uri) => string | undefined;

function editedFile(key: string, languageId: string, pathOf: PathOf) {
  const d = loadedDocument(key);
  const path = d && sameFamily(d.languageId, languageId) ? pathOf(d.uri) : undefined;
  if (!d || path === undefined) return undefined;
  return { path, lineCount: d.lineCount, lineAt: (l: number) => d.lineAt(l).text };
}

function definitionSnippet(found: FoundDefinition, pathOf: PathOf): ContextSnippet[] {
  const path = pathOf(found.uri);
  if (path === undefined) return [];
  const block = definitionBlock(found.lines, 0, DEFINITION_LINES);
  return [{
    kind: 'definition',
    path,
    startLine: found.line + block.startLine,
    endLine: found.line + block.endLine,
    text: found.lines.slice(block.startLine, block.endLine).join('\n'),
    score: 1,
  }];
}

/** The lines before the cursor that ranking compares other code with. */
function textBefore(document: vscode.TextDocument, position: vscode.Position): string {
  const start = new vscode.Position(Math.max(0, position.line - QUERY_LINES), 0);
  return document.getText(new vscode.Range(start, position));
}
