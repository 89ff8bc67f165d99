// The engine's context stage: asks the editor for other files' snippets once a request is
// really going out (after the pause, past the gate), never on a keystroke that is served from
// an earlier answer, so typing through a suggestion costs nothing here. Context is a bonus:
// when gathering fails, the request goes out with the file's text alone.

import type { CompletionInput } from '../input/completionInput';

export async function withContext(input: CompletionInput, signal: AbortSignal): Promise<CompletionInput> {
  const source = input.contextSource;
  if (!source || !input.settings.context.enable) return input;
  try {
    return { ...input, context: await source.gather(signal) };
  } catch {
    return input;
  }
}
