// "Ghost Complete: Complete Selection": streams a completion of the selected text (or the
// text before the cursor) into the document right after it, as one undoable edit.

import * as vscode from 'vscode';
import type { CompletionInput } from '../core/input/completionInput';
import type { CompletionSettings } from '../core/settings';
import { type CompletionError, userMessage } from '../core/completionError';
import { displayText } from '../core/displayText';
import { promptWindowChars } from '../core/input/buildInput';
import { redundantTrailingBreak, wholeWordsLength } from '../core/postprocess/insertionEnd';
import { newChoices } from '../core/stream/consumeStream';
import type { RequestRunner } from '../core/stream/requestRunner';
import type { RequestPlan } from '../core/plan/requestPlan';
import { buildCompletionInput } from './documentContext';

export interface CompleteSelectionDeps {
  settingsFor(document: vscode.TextDocument): CompletionSettings;
  admit(document: vscode.TextDocument, settings: CompletionSettings): Promise<{ apiKey: string | undefined } | null>;
  /** Keeps ghost text (and its requests) out of the document while the answer is written into it. */
  holdForWriting(document: vscode.TextDocument): vscode.Disposable;
  isBeingWritten(document: vscode.TextDocument): boolean;
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
  if (deps.isBeingWritten(document)) {
    void vscode.window.showInformationMessage('Ghost Complete: already completing in this file; wait for it or cancel it.');
    return;
  }
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
  // The selection is the prompt (its end, within the same window an inline request reads: a
  // 10 MB selection costs no more); without a selection, the text before the cursor is.
  const end = document.offsetAt(selection.end);
  const from = document.positionAt(Math.max(document.offsetAt(selection.start), end - promptWindowChars(settings)));
  const input: CompletionInput = selection.isEmpty ? base : { ...base, prefix: document.getText(new vscode.Range(from, selection.end)) };
  const plan = deps.runner.plan(input, 1);

  // Until the answer is written and trimmed, no ghost text (nor its request) in this document:
  // a suggestion would sit in the middle of the streamed answer and chase its edits.
  const hold = deps.holdForWriting(document);
  void vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Ghost Complete: completing…', cancellable: true },
      (_progress, token) => writeAnswer(deps, editor, selection.end, input, plan, token),
    );
  } finally {
    hold.dispose();
  }
}

/**
 * Streams the answer into the document at `insertAt`, one undoable edit, until it ends, the
 * user edits or leaves the document, or cancels; then trims what a stop left half-written.
 */
async function writeAnswer(
  deps: CompleteSelectionDeps,
  editor: vscode.TextEditor,
  insertAt: vscode.Position,
  input: CompletionInput,
  plan: RequestPlan,
  token: vscode.CancellationToken,
): Promise<void> {
  const document = editor.document;
  const controller = new AbortController();
  const subscriptions: vscode.Disposable[] = [];
  let insertedEnd = insertAt;
  let expectedVersion = document.version;
  // Our own insertion as VS Code will report it. Recognised by what it changes, not by when
  // it comes: a key the user types while our edit is applied must still stop the stream.
  let expected: { offset: number; text: string } | undefined;
  const sameText = (a: string, b: string) => a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n');
  let stopReason: string | undefined;
  const stopBecause = (why: string): void => {
    stopReason ??= why;
    controller.abort();
  };
  subscriptions.push(
    token.onCancellationRequested(() => stopBecause('cancelled')),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document !== document || e.contentChanges.length === 0) return;
      const [change] = e.contentChanges;
      const ours =
        expected !== undefined &&
        e.contentChanges.length === 1 &&
        change.rangeLength === 0 &&
        change.rangeOffset === expected.offset &&
        sameText(change.text, expected.text);
      if (!ours) return stopBecause('the document was edited');
      expected = undefined;
      // Counted here, not after the edit resolves: a Cancel that lands while our edit is
      // applied must still find the document as ours. In a CRLF document VS Code writes the
      // model's \n as \r\n: count what it wrote.
      insertedEnd = document.positionAt(change.rangeOffset + change.text.length);
      expectedVersion = e.document.version;
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
      expected = { offset: document.offsetAt(insertedEnd), text: chunk };
      const ok = await editor.edit((edit) => edit.insert(insertedEnd, chunk), {
        undoStopBefore: first,
        undoStopAfter: false,
      });
      expected = undefined;
      first = false;
      if (!ok) stopBecause('the edit was rejected');
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

  const ours = () => !first && document.version === expectedVersion;
  const replaceInserted = async (keep: number): Promise<void> => {
    const start = document.offsetAt(insertAt);
    const kept = document.positionAt(start + keep);
    await editor.edit((edit) => edit.delete(new vscode.Range(kept, insertedEnd)), { undoStopBefore: false, undoStopAfter: false });
    insertedEnd = kept;
    expectedVersion = document.version;
  };

  if (failure) {
    // Never leave a half-written answer behind silently: take it back if still ours.
    if (ours()) await replaceInserted(0);
    if (!first) await editor.edit(() => undefined, { undoStopBefore: false, undoStopAfter: true });
    deps.onError(failure);
    void vscode.window.showErrorMessage(`Ghost Complete: ${displayText(userMessage(failure))}`);
    return;
  }
  if (ours()) {
    const inserted = document.getText(new vscode.Range(insertAt, insertedEnd));
    // Stopped mid-stream: no half word stays. Finished: no line break doubled.
    const keep =
      stopReason === 'cancelled'
        ? wholeWordsLength(inserted)
        : inserted.length - redundantTrailingBreak(inserted, document.getText(new vscode.Range(insertedEnd, insertedEnd.translate(1, 0))));
    if (keep < inserted.length) await replaceInserted(keep);
    // Close the undo group so one Undo removes the whole insertion.
    await editor.edit(() => undefined, { undoStopBefore: false, undoStopAfter: true });
    // The cursor after the answer, nothing selected: the next key continues it, not replaces it.
    editor.selection = new vscode.Selection(insertedEnd, insertedEnd);
    editor.revealRange(new vscode.Range(insertedEnd, insertedEnd));
  }
  if (stopReason === 'cancelled') {
    deps.log('Complete Selection cancelled.');
    if (ours() && !insertAt.isEqual(insertedEnd)) void offerDiscard(editor, new vscode.Range(insertAt, insertedEnd), expectedVersion);
  } else if (stopReason) {
    deps.log(`Complete Selection stopped: ${stopReason}.`);
    void vscode.window.showInformationMessage(`Ghost Complete: stopped completing because ${stopReason}.`);
  } else if (first) {
    void vscode.window.showInformationMessage('Ghost Complete: the model returned no text.');
  }
}

/** After Cancel, the text written so far may be what the user wanted, or not: they choose. */
async function offerDiscard(editor: vscode.TextEditor, range: vscode.Range, version: number): Promise<void> {
  const choice = await vscode.window.showInformationMessage('Ghost Complete: completion cancelled.', 'Keep', 'Discard');
  // Only our own text, untouched since: never delete what the user wrote meanwhile.
  if (choice === 'Discard' && editor.document.version === version) {
    await editor.edit((edit) => edit.delete(range));
  }
}
