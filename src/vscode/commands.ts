// Every command the extension contributes, as a table from command id to handler,
// registered in one loop. The handlers only translate a command into calls on the parts.

import * as vscode from 'vscode';
import type { CompletionSettings } from '../core/settings';
import { ENABLE_DEFAULT } from '../core/enablement';
import type { RequestRunner } from '../core/stream/requestRunner';
import type { DayUsage, UsageLedger } from '../core/usageLedger';
import { tokensAndCost, usageDetail, usageSummary, usageTotal } from '../core/usageText';
import type { Admission } from './admission';
import type { ApiKeyStore } from './apiKeyStore';
import { completeSelection } from './completeSelection';
import { switchEnabled } from './enableSwitch';
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
  setApiKey(): Promise<void>;
}

// Commands receive whatever arguments their caller passes (menu entries, tests, keybindings,
// and `command:` links): handlers take only the arguments they expect, checked by type.
type CommandHandler = (...args: unknown[]) => unknown;

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return Object.entries(commandHandlers(deps)).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}

function commandHandlers(deps: CommandDeps): Record<string, CommandHandler> {
  const { keys, log, snooze, usage, status } = deps;
  const activeLanguage = () => vscode.window.activeTextEditor?.document.languageId;
  const language = (given: unknown) => (typeof given === 'string' && given !== '' ? given : activeLanguage());
  const runCompleteSelection = () =>
    completeSelection({
      settingsFor: deps.settingsFor,
      admit: (document, settings) => deps.admission.admit(document, settings),
      holdForWriting: (document) => deps.admission.holdForWriting(document),
      isBeingWritten: (document) => deps.admission.isBeingWritten(document),
      runner: deps.runner,
      onRequesting: (active) => (active ? status.showRequesting() : void status.refresh()),
      onError: (error) => {
        log.warn(`Complete Selection failed: ${error.message}`);
        status.failed(error);
      },
      log: (message) => log.info(message),
    });
  return {
    'ghostComplete.setApiKey': () => deps.setApiKey(),
    'ghostComplete.clearApiKey': async () => {
      const had = (await keys.get()) !== undefined;
      await keys.clear();
      log.info(had ? 'API key removed.' : 'Clear API Key: no key was stored.');
      void vscode.window.showInformationMessage(had ? 'Ghost Complete: API key removed.' : 'Ghost Complete: no API key was stored.');
    },
    'ghostComplete.completeSelection': () => runCompleteSelection(),
    // The editor context menu's entry: same command, a title that names the extension.
    'ghostComplete.completeSelectionFromMenu': () => runCompleteSelection(),
    // Alt+\: VS Code does not ask providers again while a suggestion is shown, so hide it first.
    'ghostComplete.triggerSuggestion': async () => {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    },
    // Run by VS Code when the user accepts a suggestion (the items' command).
    'ghostComplete.accepted': () => {
      void usage.recordAccepted().then(() => status.refresh());
    },
    'ghostComplete.enable': () => switchEnabled(true),
    'ghostComplete.disable': () => switchEnabled(false),
    'ghostComplete.enableForLanguage': (languageId?: unknown) => switchLanguage(true, language(languageId)),
    'ghostComplete.disableForLanguage': (languageId?: unknown) => switchLanguage(false, language(languageId)),
    'ghostComplete.snooze': async (minutes?: unknown) => {
      const given = typeof minutes === 'number' && Number.isFinite(minutes) ? minutes : undefined;
      const chosen = given ?? (await askSnoozeMinutes());
      // At most a day: a link must not be able to switch suggestions off for good.
      if (typeof chosen === 'number' && chosen > 0) await snooze.snooze(Math.min(chosen, 24 * 60));
    },
    'ghostComplete.unsnooze': () => snooze.resume(),
    'ghostComplete.openSettings': () => vscode.commands.executeCommand('workbench.action.openSettings', 'ghostComplete'),
    'ghostComplete.showLog': () => log.show(),
    'ghostComplete.showUsage': async () => {
      const days = usage.days().reverse();
      await vscode.window.showQuickPick(days.length ? usageItems(days) : [{ label: 'No usage recorded yet.' }], {
        title: 'Ghost Complete: usage, last 30 days (kept on this machine only)',
        matchOnDescription: true,
      });
    },
    'ghostComplete.showMenu': () => {
      const document = vscode.window.activeTextEditor?.document;
      const global = vscode.workspace.getConfiguration('ghostComplete').get<boolean>('enable', ENABLE_DEFAULT);
      return showMenu({
        enabled: global,
        languageId: document?.languageId,
        languageEnabled: document ? deps.settingsFor(document).enable : global,
        snoozedUntil: snooze.until,
        usageLine: usageSummary(usage.today()),
      });
    },
  };
}

async function switchLanguage(enabled: boolean, languageId: string | undefined): Promise<void> {
  // No file open: there is no "current language" to switch.
  if (languageId) await switchEnabled(enabled, languageId);
}

/** One row per day (date and requests as the label, the rest below), then the total. */
function usageItems(days: DayUsage[]): vscode.QuickPickItem[] {
  const row = (d: DayUsage, label: string): vscode.QuickPickItem => ({
    label: `${label}: ${d.requests} requests`,
    description: tokensAndCost(d),
    detail: usageDetail(d),
  });
  const total = usageTotal(days, 'total');
  return [
    ...days.map((d) => row(d, d.day)),
    { label: 'Total', kind: vscode.QuickPickItemKind.Separator },
    row(total, `Total of ${days.length === 1 ? '1 day' : `${days.length} days`}`),
  ];
}

async function askSnoozeMinutes(): Promise<number | undefined> {
  const pick = await vscode.window.showQuickPick(['5', '15', '60'], { title: 'Snooze Ghost Complete for how many minutes?' });
  return pick ? Number(pick) : undefined;
}
