// What the engine knows about the compatible servers that answer differently from OpenAI, and
// which of them each base URL turned out to be (from the signature in their chunks). The
// README's server table says the same in words; keep the two together.

import { Emitter } from '../emitter';
import type { KnownServer } from '../ports';

export interface ServerTraits {
  name: string;
  /**
   * What the server does with `suffix` on /v1/completions. 'ignored': accepted and dropped
   * (the model never sees the text after the cursor), so sending it only costs bytes.
   */
  suffix: 'used' | 'ignored';
}

export const SERVER_TRAITS: Readonly<Record<KnownServer, ServerTraits>> = {
  // Its fill-in-the-middle lives at /infill, which is not the OpenAI protocol.
  'llama.cpp': { name: "llama.cpp's server", suffix: 'ignored' },
  // Passed on to the model's FIM template when the model has one.
  ollama: { name: 'Ollama', suffix: 'used' },
};

export class KnownServers {
  /** A sentence for the user about a limit of the server at a base URL, once per base URL. */
  readonly onNote = new Emitter<string>();
  private readonly byBaseUrl = new Map<string, KnownServer>();

  /** The server at `baseUrl` signed a response as `server`. */
  learn(baseUrl: string, server: KnownServer): void {
    if (this.byBaseUrl.get(baseUrl) === server) return;
    this.byBaseUrl.set(baseUrl, server);
    const traits = SERVER_TRAITS[server];
    if (traits.suffix === 'ignored') {
      this.onNote.fire(
        `${traits.name} ignores the text after the cursor (suffix) on /v1/completions: suggestions are written from the text before the cursor only, without fill-in-the-middle.`,
      );
    }
  }

  /** Whether the server at `baseUrl` is known to drop `suffix`. */
  ignoresSuffix(baseUrl: string): boolean {
    const server = this.byBaseUrl.get(baseUrl);
    return server !== undefined && SERVER_TRAITS[server].suffix === 'ignored';
  }
}
