// "Ghost Complete: Complete Selection": streams a completion of the selected text (or the
// text before the cursor) into the document right after it, as one undoable edit.

import * as vscode from 'vscode';
import type { CompletionInput } from '../core/input/completionInput';
import type { CompletionSettings } from '../core/settings';
import { type CompletionError, userMessage } from '../core/completionError';
import { newChoices } from '../core/stream/consumeStream';
import type { RequestRunner } from '../core/stream/requestRunner';
import { buildCompletionInput } from './documentContext';

export interface CompleteSelectionDeps {
  settingsFor(document: vscode.TextDocument): CompletionSettings;
  admit(document: vscode.TextDocument, settings: CompletionSettings): Promise<{ apiKey: string | undefined } | null>;
  /** The engine's runner: same stream handling, same memory of servers that refuse `suffix`. */
  runner: RequestRunner;
  onRequesting(active: boolean): void;
  onError(error: CompletionError): void;
  log(message: string): void;
}

export async function completeSelection(deps: CompleteSelectionDeps): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Ghost Complete: open a file and select text to complete.');
    return;
  }
  if (editor.selections.length > 1) {
    void vscode.window.showInformationMessage(
      'Ghost Complete: Complete Selection works on one selection at a time; completing the primary one.',
    );
  }
  const document = editor.document;
  const settings = deps.settingsFor(document);
  const admitted = await deps.admit(document, { ...settings, enable: true });
  if (!admitted) return;

  const selection = editor.selection;
  const base = buildCompletionInput({
    document,
    position: selection.end,
    settings: { ...settings, multiline: 'always' },
    explicit: true,
    apiKey: admitted.apiKey,
  });
  // The selection is the prompt; without a selection, everything before the cursor is.
  const input: CompletionInput = selection.isEmpty ? base : { ...base, prefix: document.getText(selection) };
  const plan = deps.runner.plan(input, 1);

  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Ghost Complete: completing…', cancellable: true },
    async (_progress, token) => {
      const controller = new AbortController();
      const subscriptions: vscode.Disposable[] = [token.onCancellationRequested(() => controller.abort())];
      const insertAt = selection.end;
      let insertedEnd = insertAt;
      let expectedVersion = document.version;
      // VS Code reports our own edit before editor.edit() resolves: don't mistake it for the user's.
      let ownEdit = false;
      let stopReason: string | undefined;
      const stopBecause = (why: string): void => {
        stopReason ??= why;
        controller.abort();
      };
      subscriptions.push(
        vscode.workspace.onDidChangeTextDocument((e) => {
          if (e.document === document && !ownEdit && e.document.version !== expectedVersion && e.contentChanges.length > 0) {
            stopBecause('the document was edited');
          }
        }),
        vscode.window.onDidChangeActiveTextEditor((e) => {
          if (e?.document !== document) stopBecause('the editor changed');
        }),
      );
      let pending = '';
      let first = true;
      // Edits are applied one at a time; pieces that arrive meanwhile are batched.
      let writing: Promise<void> = Promise.resolve();
      const write = (text: string): void => {
        pending += text;
        writing = writing.then(async () => {
          if (pending === '' || controller.signal.aborted) return;
          const chunk = pending;
          pending = '';
          ownEdit = true;
          let ok: boolean;
          try {
            ok = await editor.edit((edit) => edit.insert(insertedEnd, chunk), {
              undoStopBefore: first,
              undoStopAfter: false,
            });
          } finally {
            ownEdit = false;
          }
          first = false;
          if (!ok) return stopBecause('the edit was rejected');
          expectedVersion = document.version;
          insertedEnd = document.positionAt(document.offsetAt(insertedEnd) + chunk.length);
        });
      };

      deps.onRequesting(true);
      const choices = newChoices(1);
      let written = 0;
      const writeNew = (): void => {
        write(choices[0].text.slice(written));
        written = choices[0].text.length;
      };
      let failure: CompletionError | undefined;
      try {
        const { error } = await deps.runner.run(input, plan, choices, controller.signal, {
          onDelta: writeNew,
          onFinish: writeNew,
        });
        if (error && error.kind !== 'aborted') failure = error;
        // Text the stop matcher held back until the stream ended.
        else if (!error && !controller.signal.aborted) writeNew();
      } finally {
        await writing;
        subscriptions.forEach((s) => s.dispose());
        deps.onRequesting(false);
      }

      if (failure) {
        // Never leave a half-written answer behind silently: take it back if still ours.
        if (!first && document.version === expectedVersion) {
          ownEdit = true;
          await editor.edit((edit) => edit.delete(new vscode.Range(insertAt, insertedEnd)), {
            undoStopBefore: false,
            undoStopAfter: true,
          });
        }
        deps.onError(failure);
        void vscode.window.showErrorMessage(`Ghost Complete: ${userMessage(failure)}`);
        return;
      }
      if (!first && document.version === expectedVersion) {
        // Close the undo group so one Undo removes the whole insertion.
        await editor.edit(() => undefined, { undoStopBefore: false, undoStopAfter: true });
      }
      if (stopReason) {
        deps.log(`Complete Selection stopped: ${stopReason}.`);
        if (stopReason !== 'cancelled') {
          void vscode.window.showInformationMessage(`Ghost Complete: stopped completing because ${stopReason}.`);
        }
      } else if (first) {
        void vscode.window.showInformationMessage('Ghost Complete: the model returned no text.');
      }
    },
  );
}
