// What the adapter does with the engine's news: the status bar, the rejected-key notice and
// the background re-check of a server that went away follow its state, and every request is logged and counted in the usage ledger.

import type { CompletionEngine } from '../core/engine';
import type { CompletionSettings } from '../core/settings';
import type { UsageLedger } from '../core/usageLedger';
import type { Log } from './log';
import type { KeyNotifications } from './notifications';
import { logRequest } from './requestLog';
import type { ServerRecheck } from './serverRecheck';
import type { ActiveStatus } from './status';

export interface EngineReportDeps {
  status: ActiveStatus;
  notifications: KeyNotifications;
  log: Log;
  usage: UsageLedger;
  recheck: ServerRecheck;
  /** Settings of the active file, for the prices of its model. */
  activeSettings(): CompletionSettings;
}

/** Subscribes to the engine; returns the function that unsubscribes. */
export function followEngineReports(engine: CompletionEngine, deps: EngineReportDeps): () => void {
  const { status, notifications, log, usage } = deps;
  const unsubscribes = [
    engine.onDidChangeState.on((state) => {
      status.engineChanged(state);
      deps.recheck.follow(state.state === 'error' ? state.error : undefined);
      if (state.state === 'error') notifications.requestFailed(state.error);
    }),
    engine.onDidShow.on(() => void usage.recordShown()),
    engine.onDidFinishRequest.on((report) => {
      logRequest(log, report);
      // A failed request is counted only when the server reported usage for it.
      if (!report.error || report.usage) {
        void usage.recordRequest(report.usage, deps.activeSettings().prices[report.model]).then(() => status.refresh());
      }
    }),
  ];
  return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
}
