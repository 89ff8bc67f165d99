// Which files may lend their text to another file's prompt: files on disk inside the workspace
// that no exclusion rule (built-in secret files + ghostComplete.exclude) keeps on the machine.
// Never untitled buffers. Answers are kept per file until the rules or the folders change.

import * as vscode from 'vscode';
import { excludeMatcher, type ExcludeMatcher } from '../../core/secretFiles';

/** Files on disk, local or remote; never untitled buffers, git views or output channels. */
const SCHEMES = ['file', 'vscode-remote'];

export class Eligibility implements vscode.Disposable {
  /** File URI → its path relative to the workspace, or undefined when it may not contribute. */
  private readonly answers = new Map<string, string | undefined>();
  private rules: { key: string; matcher: ExcludeMatcher } | undefined;
  private readonly subscription = vscode.workspace.onDidChangeWorkspaceFolders(() => this.answers.clear());

  /**
   * The path to label `uri`'s snippets with, or undefined when it must not contribute.
   * `exclude` is the requesting document's ghostComplete.exclude.
   */
  pathOf(uri: vscode.Uri, exclude: readonly string[]): string | undefined {
    const rulesKey = JSON.stringify(exclude);
    if (this.rules?.key !== rulesKey) {
      // Compiling globs costs more than matching them: once per distinct list.
      this.rules = { key: rulesKey, matcher: excludeMatcher(exclude) };
      this.answers.clear();
    }
    const key = uri.toString();
    if (this.answers.has(key)) return this.answers.get(key);
    const answer = this.decide(uri, this.rules.matcher);
    this.answers.set(key, answer);
    return answer;
  }

  dispose(): void {
    this.subscription.dispose();
    this.answers.clear();
  }

  private decide(uri: vscode.Uri, matcher: ExcludeMatcher): string | undefined {
    if (!SCHEMES.includes(uri.scheme)) return undefined;
    if (!vscode.workspace.getWorkspaceFolder(uri)) return undefined;
    if (matcher.match(uri.path) !== undefined) return undefined;
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    return vscode.workspace.asRelativePath(uri, multiRoot);
  }
}
