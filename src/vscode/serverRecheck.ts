// After a request fails because the server is down or broken, the error would stay in the
// status bar until the next keystroke. This asks the server in the background (GET /models,
// which costs no tokens) with growing pauses, and clears the error once it answers.

import type { CompletionError } from '../core/completionError';
import type { CheckKeyResult } from '../openai/models';

/** Errors that go away on their own when the server comes back. */
const RECOVERABLE = new Set<CompletionError['kind']>(['network', 'timeout', 'server']);

export const RECHECK_FIRST_MS = 2_000;
export const RECHECK_MAX_MS = 60_000;

export interface ServerRecheckDeps {
  check(signal: AbortSignal): Promise<CheckKeyResult>;
  /** The server answered: the error shown is stale. */
  onBack(): void;
}

export class ServerRecheck {
  private timer: NodeJS.Timeout | undefined;
  private controller: AbortController | undefined;

  constructor(private readonly deps: ServerRecheckDeps) {}

  /** The engine's latest state: start checking after a recoverable error, stop otherwise. */
  follow(error: CompletionError | undefined): void {
    if (error && RECOVERABLE.has(error.kind)) {
      if (!this.timer && !this.controller) this.schedule(RECHECK_FIRST_MS);
    } else {
      this.stop();
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.controller?.abort();
    this.controller = undefined;
  }

  dispose(): void {
    this.stop();
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.attempt(delayMs);
    }, delayMs);
  }

  private async attempt(delayMs: number): Promise<void> {
    const controller = (this.controller = new AbortController());
    const result = await this.deps.check(controller.signal);
    if (controller.signal.aborted) return;
    this.controller = undefined;
    // A key or URL problem is an answer too: the server is there, and the next request will say what is wrong.
    if (result.ok || !RECOVERABLE.has(result.error.kind)) this.deps.onBack();
    else this.schedule(Math.min(delayMs * 2, RECHECK_MAX_MS));
  }
}
