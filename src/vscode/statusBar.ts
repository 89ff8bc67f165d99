// The status bar item: what Ghost Complete is doing, at a glance and for screen readers.

import * as vscode from 'vscode';
import { displayText } from '../core/displayText';

export type StatusState = 'idle' | 'requesting' | 'error' | 'disabled' | 'excluded' | 'snoozed' | 'noKey';

export interface Status {
  state: StatusState;
  /** Follows the label: "error: <message>", "disabled for Python", "snoozed until 14:05". */
  message?: string;
  /** A further line for the tooltip (why, and what to do). */
  explanation?: string;
}

/** `join` goes between the label and the message: a phrase ("snoozed until…") or a reason ("error: …"). */
const PRESENTATION: Record<StatusState, { icon: string; label: string; join: string }> = {
  idle: { icon: '$(sparkle)', label: 'ready', join: ': ' },
  requesting: { icon: '$(loading~spin)', label: 'requesting', join: ': ' },
  error: { icon: '$(warning)', label: 'error', join: ': ' },
  disabled: { icon: '$(circle-slash)', label: 'disabled', join: ' ' },
  excluded: { icon: '$(circle-slash)', label: 'off for this file', join: ': ' },
  snoozed: { icon: '$(clock)', label: 'snoozed', join: ' ' },
  noKey: { icon: '$(key)', label: 'no API key', join: ': ' },
};

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private current: Status = { state: 'idle' };
  private extraTooltip = '';
  /** Standing remarks for the tooltip (Restricted Mode, a server's limits), by topic. */
  private readonly notes = new Map<string, string>();
  private plainTooltip = '';

  constructor(clickCommand: string) {
    this.item = vscode.window.createStatusBarItem('ghostComplete.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Ghost Complete';
    this.item.command = clickCommand;
    this.render();
    this.item.show();
  }

  get status(): Status {
    return { ...this.current };
  }

  set(status: Status): void {
    // Messages can carry a server's words: one inert line, whatever the server sent.
    this.current = {
      ...status,
      ...(status.message !== undefined ? { message: displayText(status.message) } : {}),
      ...(status.explanation !== undefined ? { explanation: displayText(status.explanation) } : {}),
    };
    this.render();
  }

  /** Extra lines for the tooltip, such as today's usage. */
  setDetails(text: string): void {
    this.extraTooltip = text;
    this.render();
  }

  /** Sets or (with undefined) removes the tooltip's remark on `topic`. */
  setNote(topic: string, text: string | undefined): void {
    if (text === undefined) this.notes.delete(topic);
    else this.notes.set(topic, displayText(text));
    this.render();
  }

  /** The tooltip as plain text (what a screen reader or a test reads). */
  get tooltipText(): string {
    return this.plainTooltip;
  }

  dispose(): void {
    this.item.dispose();
  }

  private render(): void {
    const { icon, label, join } = PRESENTATION[this.current.state];
    const message = this.current.message ? `${join}${this.current.message}` : '';
    this.item.text = `${icon} Ghost`;
    this.item.accessibilityInformation = { label: `Ghost Complete: ${label}${message}` };
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.isTrusted = false;
    tooltip.appendText(`Ghost Complete: ${label}${message}`);
    if (this.current.explanation) tooltip.appendMarkdown('\n\n').appendText(this.current.explanation);
    for (const note of this.notes.values()) tooltip.appendMarkdown('\n\n').appendText(note);
    if (this.extraTooltip) tooltip.appendMarkdown('\n\n').appendText(this.extraTooltip);
    tooltip.appendMarkdown('\n\nClick for options.');
    const lines = [`Ghost Complete: ${label}${message}`, this.current.explanation, ...this.notes.values(), this.extraTooltip];
    this.plainTooltip = [...lines.filter((l) => l), 'Click for options.'].join('\n\n');
    this.item.tooltip = tooltip;
    this.item.backgroundColor =
      this.current.state === 'error' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }
}
