// A user typing a file from an empty editor, one key at a time, at a human pace (seeded, so
// every provider faces exactly the same user). After each edit the provider is asked again,
// cancelling the previous call, as VS Code does. Ghost text that matches what the user is
// about to type stays visible while they type through it, and once they have had time to
// read it they may accept it with Tab.

import type { CompletionInput, Suggestion } from '../src/core/input/completionInput';
import type { CompletionSettings } from '../src/core/settings';
import type { CorpusFile } from './corpus';
import { completionInputAtEnd } from './documentInput';
import { seededRandom } from './prng';
import type { CallRecord, RequestAttribution } from './requestAttribution';

export interface SimProvider {
  complete(input: CompletionInput, signal: AbortSignal): Promise<Suggestion[]>;
  /** The engine's live growth: the adapter asks again when a shown suggestion got longer. */
  onGrow?(listener: () => void): () => void;
}

export interface TypistOptions {
  seed: number;
  /** Real milliseconds are divided by this (the engine's debounce must be scaled the same way). */
  timeScale: number;
  /** Usual gap between keys, real ms. */
  gapMs: [number, number];
  /** Chance that a key follows a pause instead (thinking, reading). */
  pauseChance: number;
  pauseMs: [number, number];
  /** Ghost text must have been visible this long (real ms) before the user can accept it. */
  reactionMs: number;
  /** Chance, at each key, that a readable and correct suggestion is accepted rather than typed through. */
  acceptChance: number;
}

export const DEFAULT_TYPIST: TypistOptions = {
  seed: 20240611,
  timeScale: 5,
  gapMs: [60, 180],
  pauseChance: 0.08,
  pauseMs: [600, 1500],
  reactionMs: 300,
  acceptChance: 0.4,
};

export interface TypingResult {
  file: string;
  /** Keys typed (Enter with its auto-indent counts as one). */
  keystrokes: number;
  /** Tab presses, and the characters they inserted. */
  accepts: number;
  acceptedChars: number;
  /** Provider calls after a keystroke or Tab that sent a request. */
  callsWithRequest: number;
  /** … that showed a suggestion without a request of their own (typing through, Backspace, adopted stream). */
  callsServedWithoutRequest: number;
  /** … cancelled by the next key before they sent anything (the debounce at work). */
  callsSuperseded: number;
  /** … that came back empty without asking the server: no ghost text there until the next key. */
  callsEmptyWithoutRequest: number;
  /** Extra calls asked by live growth (engine only), the requests they sent, and how many changed the ghost text. */
  growthCalls: number;
  growthRequests: number;
  growthChangedText: number;
  /**
   * One entry per pause of the typist (a gap of at least PAUSE_MS real ms): real ms from the
   * last key or Tab before the pause to the first ghost text at the cursor, null if none came.
   */
  pauseLatenciesMs: (number | null)[];
  wallMs: number;
}

/**
 * VS Code 1.139 waits this long (real ms) after a keystroke before it calls any inline
 * completion provider, and calls none if another key comes first. Every provider gets it here,
 * as in the editor; the engine's own debounce is the rest of its setting (as in inlineProvider.ts).
 */
export const VSCODE_TYPING_DELAY_MS = 50;

/** A gap at least this long (real ms) is a pause: the user stops and looks for a suggestion. */
export const PAUSE_MS = 300;

interface Visible {
  /** Document length (cursor offset) the ghost text is shown at. */
  at: number;
  text: string;
  shownAt: number;
}

const now = (): number => performance.now();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function simulateTyping(
  file: CorpusFile,
  provider: SimProvider,
  attribution: RequestAttribution,
  settings: CompletionSettings,
  typist: TypistOptions = DEFAULT_TYPIST,
): Promise<TypingResult> {
  const target = file.text;
  const uri = `file:///bench/${file.name}`;
  // Three draws per user action, used or not, keep the user identical whatever the provider does.
  const random = seededRandom(typist.seed);
  const scaled = (ms: number): number => ms / typist.timeScale;
  const between = ([lo, hi]: [number, number], u: number): number => lo + (hi - lo) * u;

  let pos = 0;
  let visible: Visible | undefined;
  /** When the user last typed a key or pressed Tab, and when ghost text first showed at the cursor since. */
  let actionAt: number | undefined;
  let firstShownAt: number | undefined;
  const pauseLatenciesMs: (number | null)[] = [];
  let current: { controller: AbortController; record: CallRecord; settled: Promise<void> } | undefined;
  const records: CallRecord[] = [];

  const ask = (kind: CallRecord['kind']): void => {
    current?.controller.abort();
    const controller = new AbortController();
    const record: CallRecord = { kind, requests: 0, shown: false, empty: false, changedText: false };
    records.push(record);
    const at = pos;
    const input = completionInputAtEnd(target.slice(0, pos), uri, file.languageId, file.indentUnit, settings);
    // Our own re-query is an explicit trigger: VS Code asks at once.
    const wait = kind === 'keystroke' ? sleep(scaled(VSCODE_TYPING_DELAY_MS)) : Promise.resolve();
    const call = wait.then(() => (controller.signal.aborted ? [] : attribution.run(record, () => provider.complete(input, controller.signal))));
    const settled = call.then(
      (suggestions) => {
        // VS Code drops the answer of a call it cancelled.
        if (controller.signal.aborted || pos !== at) return;
        if (suggestions.length === 0) {
          record.empty = true;
          visible = undefined;
          return;
        }
        record.shown = true;
        const text = suggestions[0].text;
        record.changedText = visible?.at !== at || visible.text !== text;
        // Ghost text that only grew longer was on screen already: the user's reading time counts from then.
        const shownAt = visible && visible.at === at && text.startsWith(visible.text) ? visible.shownAt : now();
        visible = { at, text, shownAt };
        firstShownAt ??= now();
      },
      () => undefined,
    );
    current = { controller, record, settled };
  };

  const unsubscribe = provider.onGrow?.(() => ask('growth'));
  const started = now();
  let keystrokes = 0;
  let accepts = 0;
  let acceptedChars = 0;
  while (pos < target.length) {
    const pause = random() < typist.pauseChance;
    const gap = between(pause ? typist.pauseMs : typist.gapMs, random());
    const acceptDraw = random();
    await sleep(scaled(gap));
    if (actionAt !== undefined && gap >= PAUSE_MS) {
      pauseLatenciesMs.push(firstShownAt === undefined ? null : (firstShownAt - actionAt) * typist.timeScale);
    }

    const readable =
      visible !== undefined &&
      visible.at === pos &&
      target.startsWith(visible.text, pos) &&
      now() - visible.shownAt >= scaled(typist.reactionMs);
    if (readable && acceptDraw < typist.acceptChance) {
      pos += visible!.text.length;
      accepts++;
      acceptedChars += visible!.text.length;
      visible = undefined;
    } else {
      const key = nextKey(target, pos);
      // Typing what the ghost text shows keeps the rest of it on screen, as in VS Code.
      visible =
        visible && visible.at === pos && visible.text.length > key.length && visible.text.startsWith(key)
          ? { ...visible, at: pos + key.length, text: visible.text.slice(key.length) }
          : undefined;
      pos += key.length;
      keystrokes++;
    }
    actionAt = now();
    // Ghost text the user typed into stays on screen: it is there at once.
    firstShownAt = visible ? actionAt : undefined;
    ask('keystroke');
  }
  await current?.settled;
  unsubscribe?.();

  const keyCalls = records.filter((r) => r.kind === 'keystroke');
  const growth = records.filter((r) => r.kind === 'growth');
  return {
    file: file.name,
    keystrokes,
    accepts,
    acceptedChars,
    callsWithRequest: keyCalls.filter((r) => r.requests > 0).length,
    callsServedWithoutRequest: keyCalls.filter((r) => r.requests === 0 && r.shown).length,
    callsSuperseded: keyCalls.filter((r) => r.requests === 0 && !r.shown && !r.empty).length,
    callsEmptyWithoutRequest: keyCalls.filter((r) => r.requests === 0 && r.empty).length,
    growthCalls: growth.length,
    growthRequests: growth.reduce((n, r) => n + r.requests, 0),
    growthChangedText: growth.filter((r) => r.changedText).length,
    pauseLatenciesMs,
    wallMs: now() - started,
  };
}

/** The next key: one character, except that Enter also brings the next line's indentation (auto-indent). */
function nextKey(text: string, pos: number): string {
  if (text[pos] !== '\n') return text[pos];
  const indent = /^[ \t]*/.exec(text.slice(pos + 1))![0];
  return `\n${indent}`;
}
