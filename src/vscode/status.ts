// What the status bar says about the active file when nothing is streaming (disabled, snoozed,
// no key, the last error, ready), kept current as requests start, fail and finish.

import * as vscode from 'vscode';
import { userMessage, type CompletionError } from '../core/completionError';
import type { EngineState } from '../core/engine';
import { needsApiKey } from '../core/endpointConfig';
import type { CompletionSettings } from '../core/settings';
import { formatUsage, type DayUsage } from '../core/usageLedger';
import type { Status, StatusBar } from './statusBar';

export interface ActiveStatusDeps {
  bar: StatusBar;
  settingsFor(document: vscode.TextDocument | undefined): CompletionSettings;
  snoozedUntil(): number | undefined;
  apiKey(): Promise<string | undefined>;
  usageToday(): DayUsage;
  /** Whether a request is streaming: then the bar says "requesting", whatever else is true. */
  isRequesting(): boolean;
}

export class ActiveStatus {
  private lastError: CompletionError | undefined;
  private refreshes = 0;

  constructor(private readonly deps: ActiveStatusDeps) {}

  showRequesting(): void {
    this.deps.bar.set({ state: 'requesting' });
  }

  showNoKey(): void {
    this.deps.bar.set({ state: 'noKey' });
  }

  /** The engine started, finished or failed a request. */
  engineChanged(state: EngineState): void {
    if (state.state === 'requesting') {
      this.showRequesting();
      return;
    }
    this.lastError = state.state === 'error' ? state.error : undefined;
    void this.refresh();
  }

  /** A failure outside the engine (Complete Selection) is shown the same way. */
  failed(error: CompletionError): void {
    this.lastError = error;
    void this.refresh();
  }

  /** A new key makes the last error (most likely about the old key) stale. */
  forgetError(): void {
    this.lastError = undefined;
  }

  async refresh(): Promise<void> {
    this.deps.bar.setDetails(`Today: ${formatUsage(this.deps.usageToday())}`);
    if (this.deps.isRequesting()) return;
    const refresh = ++this.refreshes;
    const status = await this.resting();
    // Reading the key can wait on secret storage: a newer refresh (Disable, Snooze…) or a new
    // request may have set the status meanwhile, and this older answer must not replace it.
    if (refresh !== this.refreshes || this.deps.isRequesting()) return;
    this.deps.bar.set(status);
  }

  /** Baseline status when nothing is streaming. */
  private async resting(): Promise<Status> {
    const document = vscode.window.activeTextEditor?.document;
    const settings = this.deps.settingsFor(document);
    if (!settings.enable) return { state: 'disabled', message: document ? `off for ${document.languageId}` : undefined };
    const snoozedUntil = this.deps.snoozedUntil();
    if (snoozedUntil !== undefined) return { state: 'snoozed', message: `until ${new Date(snoozedUntil).toLocaleTimeString()}` };
    if (needsApiKey(settings) && !(await this.deps.apiKey())) return { state: 'noKey' };
    if (this.lastError) return { state: 'error', message: userMessage(this.lastError) };
    return { state: 'idle' };
  }
}
