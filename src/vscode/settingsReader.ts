// Reads ghostComplete.* for a document (honouring "[language]" overrides) and validates it.
// Each distinct problem is reported once, not on every keystroke.

import * as vscode from 'vscode';
import { resolveSettings, type CompletionSettings } from '../core/settings';

export class SettingsReader {
  private readonly reported = new Set<string>();

  constructor(private readonly onProblem: (message: string) => void) {}

  forDocument(document: vscode.TextDocument | undefined): CompletionSettings {
    const scope = document ? { uri: document.uri, languageId: document.languageId } : undefined;
    const config = vscode.workspace.getConfiguration('ghostComplete', scope);
    const { settings, problems } = resolveSettings((key) => config.get(key));
    for (const problem of problems) {
      if (this.reported.has(problem)) continue;
      this.reported.add(problem);
      this.onProblem(problem);
    }
    return settings;
  }

  /** After the user edits settings, problems are worth reporting again. */
  resetReported(): void {
    this.reported.clear();
  }
}
