// Creates and connects the extension's parts: settings, key, engine, provider, status bar,
// commands. The only place that knows about all of them.

import * as vscode from 'vscode';
import { CompletionEngine } from '../core/engine';
import { endpointFor, needsApiKey } from '../core/endpointConfig';
import type { CompletionSettings } from '../core/settings';
import { warmUpTokenizer } from '../core/plan/tokenBudget';
import { UsageLedger, formatUsage, type DayUsage } from '../core/usageLedger';
import { streamCompletion } from '../openai/client';
import { closeProxyAgents } from '../openai/proxy';
import { closeAgents } from '../openai/transport';
import { CompletionError, userMessage } from '../core/completionError';
import { checkKey } from '../openai/models';
import { ApiKeyStore } from './apiKeyStore';
import { completeSelection } from './completeSelection';
import { GhostInlineProvider } from './inlineProvider';
import { Log } from './log';
import { showMenu } from './menu';
import { proxyDispatcherFor } from './proxySettings';
import { logRequest } from './requestLog';
import { SettingsReader } from './settingsReader';
import { Snooze } from './snooze';
import { StatusBar, type Status } from './statusBar';

export interface GhostCompleteApi {
  provider: vscode.InlineCompletionItemProvider;
  status(): Status;
  /** Requests sent to the server since activation. */
  requestCount(): number;
  /** Today's usage as recorded on this machine (what Show Usage and the tooltip show). */
  usageToday(): DayUsage;
}

const SUPPORTED_SCHEMES = ['file', 'untitled', 'vscode-remote'];

export function activateGhostComplete(context: vscode.ExtensionContext): GhostCompleteApi {
  const log = new Log();
  const statusBar = new StatusBar('ghostComplete.showMenu');
  const keys = new ApiKeyStore(context.secrets);
  const snooze = new Snooze(context.globalState);
  const usage = new UsageLedger(context.globalState);
  const settingsReader = new SettingsReader((problem) => {
    log.warn(problem);
    void vscode.window.showWarningMessage(`Ghost Complete: ${problem}`);
  });
  context.subscriptions.push(log, statusBar, keys, snooze);

  const endpoint = (settings: CompletionSettings, apiKey: string | undefined) =>
    endpointFor(settings, apiKey, proxyDispatcherFor(settings.baseUrl));
  const engine = new CompletionEngine({
    stream: (request, config, signal, options) => streamCompletion(request, config, signal, options),
    endpointFor: endpoint,
  });
  context.subscriptions.push({ dispose: () => engine.dispose() });

  let noKeyNotified = false;
  let rejectedKeyNotified = false;
  let lastError: CompletionError | undefined;

  const settingsFor = (document: vscode.TextDocument): CompletionSettings => settingsReader.forDocument(document);

  /** Baseline status when nothing is streaming. */
  const restingStatus = async (): Promise<Status> => {
    const document = vscode.window.activeTextEditor?.document;
    const settings = settingsReader.forDocument(document);
    if (!settings.enable) return { state: 'disabled', message: document ? `off for ${document.languageId}` : undefined };
    if (snooze.until !== undefined) return { state: 'snoozed', message: `until ${new Date(snooze.until).toLocaleTimeString()}` };
    if (needsApiKey(settings) && !(await keys.get())) return { state: 'noKey' };
    if (lastError) return { state: 'error', message: userMessage(lastError) };
    return { state: 'idle' };
  };
  let statusRefreshes = 0;
  const refreshStatus = async (): Promise<void> => {
    const today = usage.today();
    statusBar.setDetails(`Today: ${formatUsage(today)}`);
    if (engine.hasAnyFlight()) return;
    const refresh = ++statusRefreshes;
    const status = await restingStatus();
    // Reading the key can wait on secret storage: a newer refresh (Disable, Snooze…) or a new
    // request may have set the status meanwhile, and this older answer must not replace it.
    if (refresh !== statusRefreshes || engine.hasAnyFlight()) return;
    statusBar.set(status);
  };

  const isExcluded = (document: vscode.TextDocument, settings: CompletionSettings): boolean =>
    settings.exclude.some((pattern) => vscode.languages.match({ pattern }, document) > 0);

  const admit = async (
    document: vscode.TextDocument,
    settings: CompletionSettings,
  ): Promise<{ apiKey: string | undefined } | null> => {
    if (!settings.enable || snooze.until !== undefined) return null;
    if (!SUPPORTED_SCHEMES.includes(document.uri.scheme)) return null;
    // Secrets files never leave the machine, whatever else is configured.
    if (isExcluded(document, settings)) return null;
    const apiKey = await keys.get();
    log.setSecrets([apiKey]);
    if (needsApiKey(settings) && !apiKey) {
      statusBar.set({ state: 'noKey' });
      if (!noKeyNotified) {
        noKeyNotified = true;
        void vscode.window
          .showInformationMessage(
            'Ghost Complete needs an API key for suggestions. Run "Ghost Complete: Set API Key".',
            'Set API Key',
          )
          .then((choice) => {
            if (choice) void vscode.commands.executeCommand('ghostComplete.setApiKey');
          });
      }
      return null;
    }
    return { apiKey };
  };

  const provider = new GhostInlineProvider({
    engine,
    settingsFor,
    admit,
    acceptCommand: { title: 'Accepted', command: 'ghostComplete.accepted' },
  });

  engine.onDidChangeState.on((state) => {
    if (state.state === 'requesting') {
      statusBar.set({ state: 'requesting' });
      return;
    }
    lastError = state.state === 'error' ? state.error : undefined;
    if (lastError?.kind === 'unauthorized' && !rejectedKeyNotified) {
      // Once per key: every keystroke would otherwise repeat the same bad news.
      rejectedKeyNotified = true;
      void vscode.window
        .showWarningMessage(`Ghost Complete: ${userMessage(lastError)}`, 'Set API Key')
        .then((choice) => {
          if (choice) void vscode.commands.executeCommand('ghostComplete.setApiKey');
        });
    }
    void refreshStatus();
  });
  engine.onDidShow.on(() => void usage.recordShown());
  engine.onDidFinishRequest.on((report) => {
    logRequest(log, report);
    if (!report.error || report.usage) {
      const settings = settingsReader.forDocument(vscode.window.activeTextEditor?.document);
      void usage.recordRequest(report.usage, settings.prices[report.model]).then(refreshStatus);
    }
  });
  engine.onDidGrow.on(({ editorKey }) => {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.uri.toString() !== editorKey) return;
    // VS Code only re-asks an unchanged editor after the suggestion is hidden.
    provider.markGrowthRetrigger();
    void vscode.commands
      .executeCommand('editor.action.inlineSuggest.hide')
      .then(() => vscode.commands.executeCommand('editor.action.inlineSuggest.trigger'));
  });

  const setEnabled = async (enabled: boolean, languageId?: string): Promise<void> => {
    const config = vscode.workspace.getConfiguration('ghostComplete', languageId ? { languageId } : undefined);
    await config.update('enable', enabled, vscode.ConfigurationTarget.Global, languageId !== undefined);
  };

  context.subscriptions.push(
    vscode.languages.registerInlineCompletionItemProvider(
      SUPPORTED_SCHEMES.map((scheme) => ({ scheme })),
      provider,
    ),
    vscode.window.onDidChangeActiveTextEditor(() => {
      for (const doc of vscode.workspace.textDocuments) engine.abortEditor(doc.uri.toString());
      void refreshStatus();
    }),
    vscode.window.onDidChangeTextEditorSelection((e) => {
      // A click elsewhere abandons the suggestion being streamed.
      if (e.kind === vscode.TextEditorSelectionChangeKind.Mouse) engine.abortEditor(e.textEditor.document.uri.toString());
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => engine.abortEditor(doc.uri.toString())),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('ghostComplete') && !e.affectsConfiguration('http')) return;
      settingsReader.resetReported();
      engine.clearCache();
      void refreshStatus();
    }),
    { dispose: snooze.onDidChange.on(() => void refreshStatus()) },
    {
      dispose: keys.onDidChange.on(() => {
        engine.clearCache();
        lastError = undefined;
        rejectedKeyNotified = false;
        void refreshStatus();
      }),
    },
    vscode.commands.registerCommand('ghostComplete.setApiKey', async (value?: unknown) => {
      const key =
        typeof value === 'string'
          ? value
          : await vscode.window.showInputBox({
              title: 'Ghost Complete: Set API Key',
              prompt: "Paste your API key. It is kept in VS Code's secret storage, never in settings.",
              password: true,
              ignoreFocusOut: true,
              validateInput: (text) => (text.trim() === '' ? 'The key cannot be empty.' : undefined),
            });
      if (key === undefined || key.trim() === '') return;
      const trimmed = key.trim();
      await keys.set(trimmed);
      log.setSecrets([trimmed]);
      noKeyNotified = false;
      log.info('API key stored.');
      if (typeof value === 'string') return;
      // Tell the user at once whether the key works, rather than on the next keystroke.
      const settings = settingsReader.forDocument(vscode.window.activeTextEditor?.document);
      const result = await checkKey(endpoint(settings, trimmed));
      if (result.ok) {
        log.info(`API key checked: ${settings.baseUrl} lists ${result.models} models.`);
        void vscode.window.showInformationMessage('Ghost Complete: API key saved and accepted by the server.');
      } else {
        log.warn(`API key check failed: ${result.error.message}`);
        void vscode.window.showWarningMessage(`Ghost Complete: API key saved, but the check failed: ${userMessage(result.error, [trimmed])}`);
      }
    }),
    vscode.commands.registerCommand('ghostComplete.clearApiKey', async () => {
      await keys.clear();
      log.info('API key removed.');
      void vscode.window.showInformationMessage('Ghost Complete: API key removed.');
    }),
    vscode.commands.registerCommand('ghostComplete.completeSelection', () =>
      completeSelection({
        settingsFor,
        admit,
        runner: engine.runner,
        onRequesting: (active) => (active ? statusBar.set({ state: 'requesting' }) : void refreshStatus()),
        onError: (error) => {
          lastError = error;
          log.warn(`Complete Selection failed: ${error.message}`);
          void refreshStatus();
        },
        log: (message) => log.info(message),
      }),
    ),
    vscode.commands.registerCommand('ghostComplete.accepted', () => {
      void usage.recordAccepted().then(refreshStatus);
    }),
    vscode.commands.registerCommand('ghostComplete.enable', () => setEnabled(true)),
    vscode.commands.registerCommand('ghostComplete.disable', () => setEnabled(false)),
    vscode.commands.registerCommand('ghostComplete.enableForLanguage', (languageId?: string) =>
      setEnabled(true, languageId ?? vscode.window.activeTextEditor?.document.languageId),
    ),
    vscode.commands.registerCommand('ghostComplete.disableForLanguage', (languageId?: string) =>
      setEnabled(false, languageId ?? vscode.window.activeTextEditor?.document.languageId),
    ),
    vscode.commands.registerCommand('ghostComplete.snooze', async (minutes?: number) => {
      let chosen = minutes;
      if (typeof chosen !== 'number') {
        const pick = await vscode.window.showQuickPick(['5', '15', '60'], { title: 'Snooze Ghost Complete for how many minutes?' });
        chosen = pick ? Number(pick) : undefined;
      }
      if (typeof chosen === 'number' && chosen > 0) await snooze.snooze(chosen);
    }),
    vscode.commands.registerCommand('ghostComplete.unsnooze', () => snooze.resume()),
    vscode.commands.registerCommand('ghostComplete.openSettings', () =>
      vscode.commands.executeCommand('workbench.action.openSettings', 'ghostComplete'),
    ),
    vscode.commands.registerCommand('ghostComplete.showLog', () => log.show()),
    vscode.commands.registerCommand('ghostComplete.showUsage', async () => {
      const days = usage.days().reverse();
      const items = days.length ? days.map((d) => ({ label: formatUsage(d) })) : [{ label: 'No usage recorded yet.' }];
      await vscode.window.showQuickPick(items, { title: 'Ghost Complete: usage, last 30 days (kept on this machine only)' });
    }),
    vscode.commands.registerCommand('ghostComplete.showMenu', () => {
      const document = vscode.window.activeTextEditor?.document;
      const global = vscode.workspace.getConfiguration('ghostComplete').get<boolean>('enable', true);
      return showMenu({
        enabled: global,
        languageId: document?.languageId,
        languageEnabled: document ? settingsFor(document).enable : true,
        snoozedUntil: snooze.until,
        usageLine: formatUsage(usage.today()),
      });
    }),
  );

  void refreshStatus();
  // Load the tokenizer's tables now rather than on the first keystroke.
  const warmUp = setTimeout(() => warmUpTokenizer(), 0);
  context.subscriptions.push({ dispose: () => clearTimeout(warmUp) }, { dispose: () => void closeAgents() }, { dispose: () => void closeProxyAgents() });
  log.info('Ghost Complete activated');
  return {
    provider,
    status: () => statusBar.status,
    requestCount: () => engine.requestCount,
    // A copy: the ledger updates its day objects in place.
    usageToday: () => ({ ...usage.today() }),
  };
}
