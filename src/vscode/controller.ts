// The composition root: builds the extension's parts, connects them and registers them with
// VS Code. The only place that knows about all of them; what each part does lives in its file.

import * as vscode from 'vscode';
import { CompletionEngine } from '../core/engine';
import { endpointFor, needsApiKey } from '../core/endpointConfig';
import type { StreamFn } from '../core/ports';
import type { CompletionSettings } from '../core/settings';
import { warmUpTokenizer } from '../core/plan/tokenBudget';
import { UsageLedger, type DayUsage } from '../core/usageLedger';
import { streamCompletion } from '../openai/client';
import { secretsOf } from '../openai/credentials';
import { closeDirectAgents } from '../openai/directAgent';
import { closeProxyAgents } from '../openai/proxy';
import { closeAgents } from '../openai/transport';
import { Admission, SUPPORTED_SCHEMES } from './admission';
import { ApiKeyStore } from './apiKeyStore';
import { reactToChanges } from './changeReactions';
import { registerCommands } from './commands';
import { ContextGatherer } from './context/contextGatherer';
import { followEngineReports } from './engineReports';
import { GhostInlineProvider } from './inlineProvider';
import { Log } from './log';
import { checkKey } from '../openai/models';
import { KeyNotifications } from './notifications';
import { welcomeOnce } from './onboarding';
import { dispatcherFor } from './proxySettings';
import { ServerRecheck } from './serverRecheck';
import { setApiKey, storeApiKey } from './setApiKey';
import { SettingsReader } from './settingsReader';
import { Snooze } from './snooze';
import { ActiveStatus } from './status';
import { followStandingNotes } from './standingNotes';
import { StatusBar, type Status } from './statusBar';

export interface GhostCompleteApi {
  provider: vscode.InlineCompletionItemProvider;
  status(): Status;
  /** The status bar tooltip as plain text. */
  tooltip(): string;
  /** Requests sent to the server since activation. */
  requestCount(): number;
  /** Today's usage as recorded on this machine (what Show Usage and the tooltip show). */
  usageToday(): DayUsage;
  /**
   * Only when VS Code runs the extension's tests: stores a key without the input box. Never a
   * command argument, so no `command:` link can replace the user's key.
   */
  setApiKeyForTests?(key: string): Promise<void>;
  /** Only in tests: how many files' context indexes were built, in the background or not. */
  contextIndexBuildsForTests?(): number;
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
  const settingsFor = (document: vscode.TextDocument | undefined): CompletionSettings => settingsReader.forDocument(document);
  const activeSettings = () => settingsFor(vscode.window.activeTextEditor?.document);

  const endpoint = (settings: CompletionSettings, apiKey: string | undefined) =>
    endpointFor(settings, apiKey, dispatcherFor(settings, (problem) => settingsReader.report(problem)));
  const stream: StreamFn = (request, config, signal, options) => streamCompletion(request, config, signal, options);
  const engine = new CompletionEngine({ stream, endpointFor: endpoint });
  context.subscriptions.push(
    { dispose: () => engine.dispose() },
    followStandingNotes(statusBar, engine.runner.servers, (note) => log.info(note)),
  );

  const notifications = new KeyNotifications();
  const status = new ActiveStatus({
    bar: statusBar,
    settingsFor,
    snoozedUntil: () => snooze.until,
    apiKey: () => keys.get(),
    usageToday: () => usage.today(),
    isRequesting: () => engine.hasAnyFlight(),
    gate: () => engine.runner.gate.state,
  });
  context.subscriptions.push(status);
  const admission = new Admission({
    snoozedUntil: () => snooze.until,
    apiKey: () => keys.get(),
    // The key and every `headers` value are credentials alike: none of them may reach the log.
    onKeyRead: (apiKey, settings) => log.setSecrets(secretsOf(endpointFor(settings, apiKey))),
    onMissingKey: () => {
      status.showNoKey();
      notifications.missingKey();
    },
  });

  const recheck = new ServerRecheck({
    check: async (signal) => {
      const settings = activeSettings();
      return checkKey(endpoint(settings, await keys.get()), signal);
    },
    onBack: () => {
      log.info('The server answers again.');
      status.forgetError();
      void status.refresh();
    },
  });
  context.subscriptions.push(recheck);
  const storeDeps = { keys, log, onStored: () => notifications.keyStored() };
  const say = (text: string) => void vscode.window.setStatusBarMessage(text, 10_000);

  const contextSources = new ContextGatherer(settingsFor);
  context.subscriptions.push(contextSources);
  const provider = new GhostInlineProvider({
    engine,
    settingsFor,
    admit: (document, settings) => admission.admit(document, settings),
    acceptCommand: { title: 'Accepted', command: 'ghostComplete.accepted' },
    contextFor: (document, position, settings) => contextSources.sourceFor(document, position, settings),
  });
  context.subscriptions.push(
    { dispose: followEngineReports(engine, { status, notifications, log, usage, activeSettings, recheck }) },
    vscode.languages.registerInlineCompletionItemProvider(
      SUPPORTED_SCHEMES.map((scheme) => ({ scheme })),
      provider,
    ),
    ...reactToChanges({ engine, status, notifications, settingsReader, snooze, keys }),
    ...registerCommands({
      keys,
      log,
      snooze,
      usage,
      status,
      admission,
      settingsFor,
      runner: engine.runner,
      setApiKey: () => setApiKey({ ...storeDeps, settingsFor, endpointFor: endpoint, say }),
    }),
  );

  void status.refresh();
  void welcomeOnce({
    state: context.globalState,
    needsKey: async () => needsApiKey(activeSettings()) && !(await keys.get()),
    onShown: () => notifications.missingKeyToldElsewhere(),
  });
  // Load the tokenizer's tables now rather than on the first keystroke.
  const warmUp = setTimeout(() => warmUpTokenizer(), 0);
  context.subscriptions.push(
    { dispose: () => clearTimeout(warmUp) },
    { dispose: () => void closeAgents() },
    { dispose: () => void closeProxyAgents() },
    { dispose: () => void closeDirectAgents() },
  );
  log.info('Ghost Complete activated');
  return {
    provider,
    status: () => statusBar.status,
    tooltip: () => statusBar.tooltipText,
    requestCount: () => engine.requestCount,
    // A copy: the ledger updates its day objects in place.
    usageToday: () => ({ ...usage.today() }),
    ...(context.extensionMode === vscode.ExtensionMode.Test
      ? { setApiKeyForTests: (key: string) => storeApiKey(storeDeps, key), contextIndexBuildsForTests: () => contextSources.indexBuilds }
      : {}),
  };
}
