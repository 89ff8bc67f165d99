// Snoozing pauses suggestions for a while; the deadline survives reloads via globalState.

import * as vscode from 'vscode';
import { Emitter } from '../core/emitter';

const STATE_KEY = 'ghostComplete.snoozedUntil';

export class Snooze implements vscode.Disposable {
  readonly onDidChange = new Emitter<void>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly state: vscode.Memento) {
    this.schedule();
  }

  /** The end of the snooze, or undefined when not snoozed. */
  get until(): number | undefined {
    const until = this.state.get<number>(STATE_KEY);
    return typeof until === 'number' && until > Date.now() ? until : undefined;
  }

  async snooze(minutes: number): Promise<void> {
    await this.state.update(STATE_KEY, Date.now() + minutes * 60_000);
    this.schedule();
    this.onDidChange.fire();
  }

  async resume(): Promise<void> {
    await this.state.update(STATE_KEY, undefined);
    this.schedule();
    this.onDidChange.fire();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.onDidChange.clear();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const until = this.until;
    if (until === undefined) return;
    this.timer = setTimeout(() => this.onDidChange.fire(), until - Date.now() + 50);
  }
}
