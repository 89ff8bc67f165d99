// The quick pick behind the status bar item: every switch a user reaches for, in one place.
// Its on/off entries say what is in force for the active file, like the status bar.

import * as vscode from 'vscode';
import { languageName } from '../core/languageNames';
import { clockTime } from '../core/usageText';

interface MenuEntry extends vscode.QuickPickItem {
  command: string;
  args?: unknown[];
}

export async function showMenu(opts: {
  /** The global switch. */
  enabled: boolean;
  languageId: string | undefined;
  /** Whether completions run for the active file's language (its override, else the global switch). */
  languageEnabled: boolean;
  snoozedUntil: number | undefined;
  usageLine: string;
}): Promise<void> {
  const entries: MenuEntry[] = [];
  const name = opts.languageId ? languageName(opts.languageId) : undefined;
  // Only when the language differs from the global switch is there a second switch to mention.
  const differs = name !== undefined && opts.languageEnabled !== opts.enabled;
  entries.push(
    opts.enabled
      ? { label: '$(circle-slash) Disable Ghost Complete', description: differs ? `off for ${name} already` : 'in all files', command: 'ghostComplete.disable' }
      : { label: '$(check) Enable Ghost Complete', description: differs ? `on for ${name} already` : 'in all files', command: 'ghostComplete.enable' },
  );
  if (name) {
    entries.push(
      opts.languageEnabled
        ? { label: `$(circle-slash) Disable for ${name}`, command: 'ghostComplete.disableForLanguage' }
        : { label: `$(check) Enable for ${name}`, command: 'ghostComplete.enableForLanguage' },
    );
  }
  if (opts.snoozedUntil !== undefined) {
    entries.push({
      label: '$(bell) Resume now',
      description: `snoozed until ${clockTime(opts.snoozedUntil)}`,
      command: 'ghostComplete.unsnooze',
    });
  }
  for (const minutes of [5, 15, 60]) {
    entries.push({ label: `$(clock) Snooze for ${minutes} minutes`, command: 'ghostComplete.snooze', args: [minutes] });
  }
  entries.push(
    { label: '$(key) Set API Key…', command: 'ghostComplete.setApiKey' },
    { label: '$(graph) Show Usage', description: opts.usageLine, command: 'ghostComplete.showUsage' },
    { label: '$(gear) Open Settings', command: 'ghostComplete.openSettings' },
    { label: '$(output) Show Log', command: 'ghostComplete.showLog' },
  );
  const picked = await vscode.window.showQuickPick(entries, { title: 'Ghost Complete', placeHolder: 'Choose an action' });
  if (picked) await vscode.commands.executeCommand(picked.command, ...(picked.args ?? []));
}
