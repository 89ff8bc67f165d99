// The InlineCompletionItemProvider: turns VS Code's request into engine input and the
// engine's suggestions into items with explicit ranges.

import * as vscode from 'vscode';
import type { CompletionEngine } from '../core/engine';
import type { CompletionSettings } from '../core/settings';
import { buildCompletionInput } from './documentContext';

export interface ProviderDeps {
  engine: CompletionEngine;
  settingsFor(document: vscode.TextDocument): CompletionSettings;
  /** Returns the key to use, or null when completions must not run (no key, disabled…). */
  admit(document: vscode.TextDocument, settings: CompletionSettings): Promise<{ apiKey: string | undefined } | null>;
  /** Command attached to each item, run by VS Code when the user accepts it. */
  acceptCommand?: vscode.Command;
}

/** How long VS Code 1.139 waits after a keystroke before it asks inline completion providers. */
const VSCODE_TYPING_DELAY_MS = 50;
/** Our hide + trigger reaches the provider within a few milliseconds; this is generous. */
const GROWTH_RETRIGGER_WINDOW_MS = 500;

export class GhostInlineProvider implements vscode.InlineCompletionItemProvider {
  /**
   * Until when an Invoke comes from our own re-query of a suggestion that grew, not from the
   * user. Time-bound, so a re-query VS Code never made cannot swallow the user's next Alt+\.
   */
  private growthRetriggerUntil = 0;
  private growthRetriggers = 0;

  constructor(private readonly deps: ProviderDeps) {}

  markGrowthRetrigger(): void {
    this.growthRetriggers++;
    this.growthRetriggerUntil = Date.now() + GROWTH_RETRIGGER_WINDOW_MS;
  }

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    let explicit = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
    if (Date.now() >= this.growthRetriggerUntil) this.growthRetriggers = 0;
    if (explicit && this.growthRetriggers > 0) {
      this.growthRetriggers--;
      explicit = false;
    }
    const configured = this.deps.settingsFor(document);
    // VS Code already waits about 50 ms after a keystroke before asking: the setting is the whole pause.
    const settings = { ...configured, debounceMs: Math.max(0, configured.debounceMs - VSCODE_TYPING_DELAY_MS) };
    const admitted = await this.deps.admit(document, settings);
    if (!admitted || token.isCancellationRequested) return undefined;

    const selected = context.selectedCompletionInfo;
    const input = buildCompletionInput({
      document,
      position,
      settings,
      explicit,
      apiKey: admitted.apiKey,
      selected: selected ? { range: selected.range, text: selected.text } : undefined,
    });

    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const suggestions = await this.deps.engine.complete(input, controller.signal);
      if (token.isCancellationRequested) return undefined;
      return suggestions.map((s) => {
        const start = selected ? selected.range.start : position;
        const end = position.translate(0, s.replaceSuffixChars);
        const text = (selected ? selected.text : '') + s.text;
        const item = new vscode.InlineCompletionItem(text, new vscode.Range(start, end));
        if (this.deps.acceptCommand) item.command = this.deps.acceptCommand;
        return item;
      });
    } finally {
      subscription.dispose();
    }
  }
}
