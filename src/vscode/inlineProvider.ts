// The InlineCompletionItemProvider: turns VS Code's request into engine input and the
// engine's suggestions into items with explicit ranges.

import * as vscode from 'vscode';
import type { ContextSource } from '../core/context/types';
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
  /** Other files' context, read by the engine only if it sends a request. */
  contextFor?(document: vscode.TextDocument, position: vscode.Position, settings: CompletionSettings): ContextSource | undefined;
}

/** How long VS Code 1.139 waits after a keystroke before it asks inline completion providers. */
const VSCODE_TYPING_DELAY_MS = 50;

export class GhostInlineProvider implements vscode.InlineCompletionItemProvider {
  constructor(private readonly deps: ProviderDeps) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const explicit = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
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
    input.contextSource = this.deps.contextFor?.(document, position, settings);

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
