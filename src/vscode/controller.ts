// Creates and connects the extension's parts: settings, key, engine, provider, status bar,
// commands. The only place that knows about all of them.

import * as vscode from 'vscode';
import { CompletionEngine } from '../core/completionEngine';
import { endpointFor } from '../core/endpointConfig';
import type { StreamFn } from '../core/ports';
import type { CompletionSettings } from '../core/settings';
import { warmUpTokenizer } from '../core/tokenBudget';
import { UsageLedger, type DayUsage } from '../core/usageLedger';
import { streamCompletion } from '../openai/client';
import { closeProxyAgents } from '../openai/proxy';
import { closeAgents } from '../openai/transport';
import { Admission, SUPPORTED_SCHEMES } from './admission';
import { ApiKeyStore } from './apiKeyStore';
import { registerCommands } from './commands';
import { GrowthRequery } from './growthRequery';
import { GhostInlineProvider } from './inlineProvider';
import { Log } from './log';
import { KeyNotifications } from './notifications';
import { proxyDispatcherFor } from './proxySettings';
import { logRequest } from './requestLog';
import { setApiKey } from './setApiKey';
import { SettingsReader } from './settingsReader';
import { Snooze } from './snooze';
import { ActiveStatus } from './status';
import { StatusBar, type Status } from './statusBar';

export interface GhostCompleteApi {
  provider: vscode.InlineCompletionItemProvider;
  status(): Status;
  /** Requests sent to the server since activation. */
  requestCount(): number;
  /** Today's usage as recorded on this machine (what Show Usage and the tooltip show). */
  usageToday(): DayUsage;
}

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
  const stream: StreamFn = (request, config, signal, options) => streamCompletion(request, config, signal, options);
  const engine = new CompletionEngine({ stream, endpointFor: endpoint });
  context.subscriptions.push({ dispose: () => engine.dispose() });

  const settingsFor = (document: vscode.TextDocument | undefined): CompletionSettings => settingsReader.forDocument(document);

  const notifications = new KeyNotifications();
  const status = new ActiveStatus({
    bar: statusBar,
    settingsFor,
    snoozedUntil: () => snooze.until,
    apiKey: () => keys.get(),
    usageToday: () => usage.today(),
    isRequesting: () => engine.hasAnyFlight(),
  });
  const refreshStatus = () => status.refresh();
  const admission = new Admission({
    snoozedUntil: () => snooze.until,
    apiKey: () => keys.get(),
    onKeyRead: (apiKey) => log.setSecrets([apiKey]),
    onMissingKey: () => {
      status.showNoKey();
      notifications.missingKey();
    },
  });
  const admit = (document: vscode.TextDocument, settings: CompletionSettings) => admission.admit(document, settings);

  const growth = new GrowthRequery();
  const provider = new GhostInlineProvider({
    engine,
    settingsFor,
    admit,
    acceptCommand: { title: 'Accepted', command: 'ghostComplete.accepted' },
    requeries: growth,
  });

  engine.onDidChangeState.on((state) => {
    status.engineChanged(state);
    if (state.state === 'error') notifications.requestFailed(state.error);
  });
  engine.onDidShow.on(() => void usage.recordShown());
  engine.onDidFinishRequest.on((report) => {
    logRequest(log, report);
    if (!report.error || report.usage) {
      const settings = settingsReader.forDocument(vscode.window.activeTextEditor?.document);
      void usage.recordRequest(report.usage, settings.prices[report.model]).then(refreshStatus);
    }
  });
  engine.onDidGrow.on(({ editorKey }) => growth.requery(editorKey));

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
        status.forgetError();
        notifications.keyChanged();
        void refreshStatus();
      }),
    },
    ...registerCommands({
      keys,
      log,
      snooze,
      usage,
      status,
      admission,
      settingsFor,
      endpointFor: endpoint,
      stream,
      setApiKey: (value) =>
        setApiKey({ keys, log, settingsFor, endpointFor: endpoint, onStored: () => notifications.keyStored() }, value),
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
