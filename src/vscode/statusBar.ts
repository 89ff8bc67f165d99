// The status bar item: what Ghost Complete is doing, at a glance and for screen readers.

import * as vscode from 'vscode';

export type StatusState = 'idle' | 'requesting' | 'error' | 'disabled' | 'snoozed' | 'noKey';

export interface Status {
  state: StatusState;
  message?: string;
}

const PRESENTATION: Record<StatusState, { icon: string; label: string }> = {
  idle: { icon: '$(sparkle)', label: 'ready' },
  requesting: { icon: '$(loading~spin)', label: 'requesting' },
  error: { icon: '$(warning)', label: 'error' },
  disabled: { icon: '$(circle-slash)', label: 'disabled' },
  snoozed: { icon: '$(clock)', label: 'snoozed' },
  noKey: { icon: '$(key)', label: 'no API key' },
};

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private current: Status = { state: 'idle' };
  private extraTooltip = '';

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
    this.current = { ...status };
    this.render();
  }

  /** Extra lines for the tooltip, such as today's usage. */
  setDetails(text: string): void {
    this.extraTooltip = text;
    this.render();
  }

  dispose(): void {
    this.item.dispose();
  }

  private render(): void {
    const { icon, label } = PRESENTATION[this.current.state];
    const message = this.current.message ? `: ${this.current.message}` : '';
    this.item.text = `${icon} Ghost`;
    this.item.accessibilityInformation = { label: `Ghost Complete: ${label}${message}` };
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.isTrusted = false;
    tooltip.appendText(`Ghost Complete: ${label}${message}`);
    if (this.extraTooltip) tooltip.appendMarkdown('\n\n').appendText(this.extraTooltip);
    tooltip.appendMarkdown('\n\nClick for options.');
    this.item.tooltip = tooltip;
    this.item.backgroundColor =
      this.current.state === 'error' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }
}
