// Every command the extension contributes, as a table from command id to handler,
// registered in one loop. The handlers only translate a command into calls on the parts.

import * as vscode from 'vscode';
import type { CompletionSettings } from '../core/settings';
import type { RequestRunner } from '../core/stream/requestRunner';
import { formatUsage, type UsageLedger } from '../core/usageLedger';
import type { Admission } from './admission';
import type { ApiKeyStore } from './apiKeyStore';
import { completeSelection } from './completeSelection';
import type { Log } from './log';
import { showMenu } from './menu';
import type { Snooze } from './snooze';
import type { ActiveStatus } from './status';

export interface CommandDeps {
  keys: ApiKeyStore;
  log: Log;
  snooze: Snooze;
  usage: UsageLedger;
  status: ActiveStatus;
  admission: Admission;
  settingsFor(document: vscode.TextDocument | undefined): CompletionSettings;
  /** The engine's runner, so Complete Selection streams and falls back exactly as inline completions do. */
  runner: RequestRunner;
  setApiKey(value?: unknown): Promise<void>;
}

// Commands receive whatever arguments their caller passes (menu entries, tests, keybindings).
type CommandHandler = (...args: any[]) => unknown;

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return Object.entries(commandHandlers(deps)).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}

function commandHandlers(deps: CommandDeps): Record<string, CommandHandler> {
  const { keys, log, snooze, usage, status } = deps;
  const activeLanguage = () => vscode.window.activeTextEditor?.document.languageId;
  return {
    'ghostComplete.setApiKey': (value?: unknown) => deps.setApiKey(value),
    'ghostComplete.clearApiKey': async () => {
      await keys.clear();
      log.info('API key removed.');
      void vscode.window.showInformationMessage('Ghost Complete: API key removed.');
    },
    'ghostComplete.completeSelection': () =>
      completeSelection({
        settingsFor: deps.settingsFor,
        admit: (document, settings) => deps.admission.admit(document, settings),
        runner: deps.runner,
        onRequesting: (active) => (active ? status.showRequesting() : void status.refresh()),
        onError: (error) => {
          log.warn(`Complete Selection failed: ${error.message}`);
          status.failed(error);
        },
        log: (message) => log.info(message),
      }),
    // Run by VS Code when the user accepts a suggestion (the items' command).
    'ghostComplete.accepted': () => {
      void usage.recordAccepted().then(() => status.refresh());
    },
    'ghostComplete.enable': () => setEnabled(true),
    'ghostComplete.disable': () => setEnabled(false),
    'ghostComplete.enableForLanguage': (languageId?: string) => setEnabled(true, languageId ?? activeLanguage()),
    'ghostComplete.disableForLanguage': (languageId?: string) => setEnabled(false, languageId ?? activeLanguage()),
    'ghostComplete.snooze': async (minutes?: number) => {
      const chosen = typeof minutes === 'number' ? minutes : await askSnoozeMinutes();
      if (typeof chosen === 'number' && chosen > 0) await snooze.snooze(chosen);
    },
    'ghostComplete.unsnooze': () => snooze.resume(),
    'ghostComplete.openSettings': () => vscode.commands.executeCommand('workbench.action.openSettings', 'ghostComplete'),
    'ghostComplete.showLog': () => log.show(),
    'ghostComplete.showUsage': async () => {
      const days = usage.days().reverse();
      const items = days.length ? days.map((d) => ({ label: formatUsage(d) })) : [{ label: 'No usage recorded yet.' }];
      await vscode.window.showQuickPick(items, { title: 'Ghost Complete: usage, last 30 days (kept on this machine only)' });
    },
    'ghostComplete.showMenu': () => {
      const document = vscode.window.activeTextEditor?.document;
      const global = vscode.workspace.getConfiguration('ghostComplete').get<boolean>('enable', true);
      return showMenu({
        enabled: global,
        languageId: document?.languageId,
        languageEnabled: document ? deps.settingsFor(document).enable : true,
        snoozedUntil: snooze.until,
        usageLine: formatUsage(usage.today()),
      });
    },
  };
}

/** Writes ghostComplete.enable at user level, for one language when one is given. */
async function setEnabled(enabled: boolean, languageId?: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('ghostComplete', languageId ? { languageId } : undefined);
  await config.update('enable', enabled, vscode.ConfigurationTarget.Global, languageId !== undefined);
}

async function askSnoozeMinutes(): Promise<number | undefined> {
  const pick = await vscode.window.showQuickPick(['5', '15', '60'], { title: 'Snooze Ghost Complete for how many minutes?' });
  return pick ? Number(pick) : undefined;
}
