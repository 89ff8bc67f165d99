// The quick pick behind the status bar item: every switch a user reaches for, in one place.

import * as vscode from 'vscode';

interface MenuEntry extends vscode.QuickPickItem {
  command: string;
  args?: unknown[];
}

export async function showMenu(opts: {
  enabled: boolean;
  languageId: string | undefined;
  languageEnabled: boolean;
  snoozedUntil: number | undefined;
  usageLine: string;
}): Promise<void> {
  const entries: MenuEntry[] = [];
  entries.push(
    opts.enabled
      ? { label: '$(circle-slash) Disable Ghost Complete', command: 'ghostComplete.disable' }
      : { label: '$(check) Enable Ghost Complete', command: 'ghostComplete.enable' },
  );
  if (opts.languageId) {
    entries.push(
      opts.languageEnabled
        ? { label: `$(circle-slash) Disable for ${opts.languageId}`, command: 'ghostComplete.disableForLanguage' }
        : { label: `$(check) Enable for ${opts.languageId}`, command: 'ghostComplete.enableForLanguage' },
    );
  }
  if (opts.snoozedUntil !== undefined) {
    entries.push({
      label: '$(bell) Resume now',
      description: `snoozed until ${new Date(opts.snoozedUntil).toLocaleTimeString()}`,
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
