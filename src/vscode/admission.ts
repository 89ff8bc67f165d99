// Whether a document may be completed right now, and with which key: the checks every
// request (typed or Complete Selection) passes before anything is sent.

import * as vscode from 'vscode';
import { needsApiKey } from '../core/endpointConfig';
import type { CompletionSettings } from '../core/settings';

/** Where suggestions are offered: real files, new files and remote files, not output or git views. */
export const SUPPORTED_SCHEMES = ['file', 'untitled', 'vscode-remote'];

export interface AdmissionDeps {
  /** The end of a snooze, or undefined when not snoozed. */
  snoozedUntil(): number | undefined;
  apiKey(): Promise<string | undefined>;
  /** Called with every key read, so the log can mask whichever key is in use now. */
  onKeyRead(apiKey: string | undefined): void;
  /** The server needs a key and none is stored. */
  onMissingKey(): void;
}

export class Admission {
  constructor(private readonly deps: AdmissionDeps) {}

  /** The key to use, or null when completions must not run for this document. */
  async admit(document: vscode.TextDocument, settings: CompletionSettings): Promise<{ apiKey: string | undefined } | null> {
    if (!settings.enable || this.deps.snoozedUntil() !== undefined) return null;
    if (!SUPPORTED_SCHEMES.includes(document.uri.scheme)) return null;
    // Secrets files never leave the machine, whatever else is configured.
    if (isExcluded(document, settings)) return null;
    const apiKey = await this.deps.apiKey();
    this.deps.onKeyRead(apiKey);
    if (needsApiKey(settings) && !apiKey) {
      this.deps.onMissingKey();
      return null;
    }
    return { apiKey };
  }
}

function isExcluded(document: vscode.TextDocument, settings: CompletionSettings): boolean {
  return settings.exclude.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
}
