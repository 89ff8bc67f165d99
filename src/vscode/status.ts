// What the status bar says about the active file when nothing is streaming (disabled, snoozed,
// no key, the last error, ready), kept current as requests start, fail and finish.

import * as vscode from 'vscode';
import { userMessage, type CompletionError } from '../core/completionError';
import type { EngineState } from '../core/engine';
import { ENABLE_DEFAULT } from '../core/enablement';
import { needsApiKey } from '../core/endpointConfig';
import { languageName } from '../core/languageNames';
import type { CompletionSettings } from '../core/settings';
import { gateText } from '../core/stream/gateText';
import type { GateState } from '../core/stream/requestGate';
import type { DayUsage } from '../core/usageLedger';
import { clockTime, usageSummary } from '../core/usageText';
import { excludedBy } from './admission';
import type { Status, StatusBar } from './statusBar';

export interface ActiveStatusDeps {
  bar: StatusBar;
  settingsFor(document: vscode.TextDocument | undefined): CompletionSettings;
  snoozedUntil(): number | undefined;
  apiKey(): Promise<string | undefined>;
  usageToday(): DayUsage;
  /** Whether a request is streaming: then the bar says "requesting", whatever else is true. */
  isRequesting(): boolean;
  /** Whether automatic requests are held back (rate limit, back-off, rejected key). */
  gate(): GateState;
}

/** The countdown of a wait is redrawn this often. */
const COUNTDOWN_MS = 1000;

export class ActiveStatus {
  private lastError: CompletionError | undefined;
  private refreshes = 0;
  private countdown: ReturnType<typeof setTimeout> | undefined;

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

  /** The error shown now, if any. */
  get error(): CompletionError | undefined {
    return this.lastError;
  }

  async refresh(): Promise<void> {
    this.deps.bar.setDetails(`Today: ${usageSummary(this.deps.usageToday())}`);
    if (this.deps.isRequesting()) return;
    const refresh = ++this.refreshes;
    const status = await this.resting();
    // Reading the key can wait on secret storage: a newer refresh (Disable, Snooze…) or a new
    // request may have set the status meanwhile, and this older answer must not replace it.
    if (refresh !== this.refreshes || this.deps.isRequesting()) return;
    this.deps.bar.set(status);
    this.scheduleCountdown();
  }

  dispose(): void {
    clearTimeout(this.countdown);
  }

  /** While the gate waits, the seconds left tick down, and the error clears when the wait is over. */
  private scheduleCountdown(): void {
    clearTimeout(this.countdown);
    if (!this.lastError || this.deps.gate().kind !== 'waiting') return;
    this.countdown = setTimeout(() => void this.refresh(), COUNTDOWN_MS);
  }

  /** Baseline status when nothing is streaming. */
  private async resting(): Promise<Status> {
    const document = vscode.window.activeTextEditor?.document;
    const settings = this.deps.settingsFor(document);
    if (!settings.enable) return disabledStatus(document);
    const glob = document ? excludedBy(document, settings) : undefined;
    if (glob !== undefined) {
      return { state: 'excluded', explanation: `Nothing from this file is sent: it matches the exclude pattern ${glob} (built in for secret files, or ghostComplete.exclude).` };
    }
    const snoozedUntil = this.deps.snoozedUntil();
    if (snoozedUntil !== undefined) return { state: 'snoozed', message: `until ${clockTime(snoozedUntil)}` };
    if (needsApiKey(settings) && !(await this.deps.apiKey())) return { state: 'noKey' };
    // A rate limit that has run out is over: nothing to report until the next request says otherwise.
    if (this.lastError?.kind === 'rate-limited' && this.deps.gate().kind === 'open') this.lastError = undefined;
    if (this.lastError) {
      const paused = gateText(this.deps.gate(), Date.now());
      const said = userMessage(this.lastError);
      if (!paused) return { state: 'error', message: said };
      return paused.message === undefined
        ? { state: 'error', message: said, explanation: paused.explanation }
        : { state: 'error', message: paused.message, explanation: `${paused.explanation} ${said}` };
    }
    return { state: 'idle' };
  }
}

/** "disabled" everywhere, or "disabled for Python" when only the file's language is off. */
function disabledStatus(document: vscode.TextDocument | undefined): Status {
  const globalOn = vscode.workspace.getConfiguration('ghostComplete').get<boolean>('enable', ENABLE_DEFAULT);
  if (!globalOn || !document) return { state: 'disabled', explanation: 'Turned off in all files. Click to enable.' };
  const name = languageName(document.languageId);
  return { state: 'disabled', message: `for ${name}`, explanation: `Turned off for ${name} files only. Click to enable.` };
}
