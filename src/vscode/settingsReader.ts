// Reads ghostComplete.* for a document (honouring "[language]" overrides) and validates it.
// Each distinct problem is reported once, not on every keystroke.

import * as vscode from 'vscode';
import { resolveSettings, type CompletionSettings } from '../core/settings';
import { settingsUriOf } from './notebookCells';

export class SettingsReader {
  private readonly reported = new Set<string>();

  constructor(private readonly onProblem: (message: string) => void) {}

  forDocument(document: vscode.TextDocument | undefined): CompletionSettings {
    // A notebook cell takes the settings (folder, trust) of its notebook file.
    const scope = document ? { uri: settingsUriOf(document), languageId: document.languageId } : undefined;
    const config = vscode.workspace.getConfiguration('ghostComplete', scope);
    const { settings, problems } = resolveSettings((key) => (key === 'exclude' ? excludeGlobs(config) : config.get(key)));
    problems.forEach((problem) => this.report(problem));
    return settings;
  }

  /** Tells the user about a settings problem, unless already told since the last settings edit. */
  report(problem: string): void {
    if (this.reported.has(problem)) return;
    this.reported.add(problem);
    this.onProblem(problem);
  }

  /** After the user edits settings, problems are worth reporting again. */
  resetReported(): void {
    this.reported.clear();
  }
}

/**
 * `exclude` adds up over the scopes instead of the most specific one winning: a workspace can
 * exclude more files, never fewer. Restricted Mode ignores the workspace's values (as VS Code
 * does for `get`, which `inspect` does not).
 */
function excludeGlobs(config: vscode.WorkspaceConfiguration): unknown {
  const seen = config.inspect<unknown>('exclude');
  if (!seen) return undefined;
  const scopes = vscode.workspace.isTrusted
    ? [seen.globalValue, seen.workspaceValue, seen.workspaceFolderValue, seen.globalLanguageValue, seen.workspaceLanguageValue, seen.workspaceFolderLanguageValue]
    : [seen.globalValue, seen.globalLanguageValue];
  const given = scopes.filter((v) => v !== undefined);
  // A malformed value is passed on as it is, so the validator reports it.
  const malformed = given.find((v) => !Array.isArray(v));
  if (malformed !== undefined) return malformed;
  return given.length === 0 ? undefined : [...new Set((given as unknown[][]).flat())];
}
