// The "Ghost Complete" log. Every line passes through redaction so the API key can never
// reach the Output panel, even inside a server's echoed error message.

import * as vscode from 'vscode';
import { redact } from '../core/redact';

export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  private secrets: string[] = [];

  constructor() {
    this.channel = vscode.window.createOutputChannel('Ghost Complete', { log: true });
  }

  /** Strings that must never be written (the current API key). */
  setSecrets(secrets: Array<string | undefined>): void {
    this.secrets = secrets.filter((s): s is string => typeof s === 'string' && s.length > 0);
  }

  get level(): vscode.LogLevel {
    return this.channel.logLevel;
  }

  trace(message: string): void {
    this.channel.trace(this.clean(message));
  }
  debug(message: string): void {
    this.channel.debug(this.clean(message));
  }
  info(message: string): void {
    this.channel.info(this.clean(message));
  }
  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }
  error(message: string): void {
    this.channel.error(this.clean(message));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private clean(message: string): string {
    return redact(message, this.secrets);
  }
}
