// Stop sequences: where a suggestion should end. The API honours at most 4; any further
// ones, and the single-line cut, are enforced here on the streamed text.
//
// Built-in stops mark the start of the *next* top-level item (a newline followed by a
// keyword at column 0). Code inside the block being completed is indented, so these never
// cut it short. Deliberately absent: `\n}` / `\nend` (they close the current block), `\n//`,
// `\n#` and `\nimport ` (a suggestion may legitimately continue a comment or import list),
// and C preprocessor conditionals (`#if` appears inside function bodies).

const BLANK_LINES = '\n\n\n';

/** Most useful first: the first ones are the ones sent to the API. */
const BY_LANGUAGE: Record<string, readonly string[]> = {
  python: ['\ndef ', '\nclass ', '\nif __name__', BLANK_LINES, '\n@', '\nasync def '],
  javascript: ['\nfunction ', '\nexport ', '\nclass ', BLANK_LINES, '\nasync function '],
  typescript: [
    '\nfunction ',
    '\nexport ',
    '\nclass ',
    BLANK_LINES,
    '\nasync function ',
    '\ninterface ',
    '\ntype ',
    '\nenum ',
  ],
  go: ['\nfunc ', '\ntype ', BLANK_LINES, '\nvar ', '\nconst '],
  rust: ['\nfn ', '\npub ', '\nimpl ', '\n#[', BLANK_LINES, '\nstruct ', '\nenum ', '\ntrait ', '\nmod '],
  java: ['\npublic ', '\nclass ', BLANK_LINES, '\n@', '\ninterface ', '\nenum ', '\nrecord '],
  c: ['\n#include', BLANK_LINES, '\nstatic ', '\nvoid ', '\nint ', '\nstruct ', '\ntypedef '],
  cpp: ['\n#include', BLANK_LINES, '\nnamespace ', '\ntemplate', '\nclass ', '\nstatic ', '\nvoid ', '\nint '],
  csharp: ['\npublic ', '\nnamespace ', BLANK_LINES, '\nclass ', '\ninternal ', '\n['],
  ruby: ['\ndef ', '\nclass ', '\nmodule ', BLANK_LINES],
  php: ['\nfunction ', '\nclass ', BLANK_LINES, '\nabstract class ', '\nfinal class ', '\ninterface ', '\ntrait '],
  shellscript: [BLANK_LINES, '\nfunction ', '\n#!'],
  // h1 is the document title; a bare `\n# ` would also cut shell comments in code blocks.
  markdown: [BLANK_LINES, '\n## ', '\n### ', '\n#### '],
};
BY_LANGUAGE.javascriptreact = BY_LANGUAGE.javascript;
BY_LANGUAGE.typescriptreact = BY_LANGUAGE.typescript;

const FALLBACK: readonly string[] = [BLANK_LINES];

/**
 * Default stop sequences for a VS Code language id, most useful first.
 * Pass the document's `eol` when the prompt is sent with CRLF line endings, so the stops
 * match what the model will echo.
 */
export function builtInStopSequences(languageId: string, eol = '\n'): string[] {
  const stops = Object.prototype.hasOwnProperty.call(BY_LANGUAGE, languageId)
    ? BY_LANGUAGE[languageId]
    : FALLBACK;
  return eol === '\n' ? [...stops] : stops.map((s) => s.split('\n').join(eol));
}

/** User stops first (they know their code best), then built-ins; no duplicates, no empty strings. */
export function mergeStopSequences(builtIn: readonly string[], user: readonly string[]): string[] {
  const merged: string[] = [];
  for (const s of [...user, ...builtIn]) {
    if (s !== '' && !merged.includes(s)) merged.push(s);
  }
  return merged;
}

/** The API takes at most `max` stops: send the first (most useful), enforce the rest client-side. */
export function splitStopSequences(
  all: readonly string[],
  max = 4,
): { sent: string[]; clientSide: string[] } {
  return { sent: all.slice(0, max), clientSide: all.slice(max) };
}

export interface StopMatcherOptions {
  /** End the completion at its first line break (`\n` or `\r\n`, which is not shown). */
  singleLine?: boolean;
}

export interface StopPushResult {
  /** Newly released text, safe to show: append it to what was released before. */
  text: string;
  /** A stop sequence was found; nothing more will be released. */
  stopped: boolean;
}

/**
 * Applies stop sequences to streamed text, delta by delta.
 *
 * A stop sequence may arrive split across deltas, so a tail that could be the beginning of
 * one is held back until the next delta (or `flush()`) decides it. Each push scans only the
 * new text plus that held-back tail (at most longest stop − 1 characters).
 * The stop sequence itself is never released.
 */
export class StopMatcher {
  private readonly stops: string[];
  private readonly longest: number;
  private pending = '';
  private matched: string | undefined;

  constructor(stops: readonly string[], options: StopMatcherOptions = {}) {
    const all = options.singleLine ? [...stops, '\r\n', '\n'] : [...stops];
    this.stops = [...new Set(all.filter((s) => s !== ''))];
    this.longest = this.stops.reduce((n, s) => Math.max(n, s.length), 0);
  }

  /** True once a stop sequence has been seen. */
  get stopped(): boolean {
    return this.matched !== undefined;
  }

  /** Text received but held back because it may start a stop sequence. */
  get heldBack(): string {
    return this.pending;
  }

  /** The stop sequence that ended the text, if any. */
  get stopSequence(): string | undefined {
    return this.matched;
  }

  push(delta: string): StopPushResult {
    if (this.matched !== undefined) return { text: '', stopped: true };
    const buffer = this.pending + delta;

    let at = -1;
    for (const stop of this.stops) {
      const i = buffer.indexOf(stop);
      if (i !== -1 && (at === -1 || i < at)) {
        at = i;
        this.matched = stop;
      }
    }
    if (at !== -1) {
      this.pending = '';
      return { text: buffer.slice(0, at), stopped: true };
    }

    const hold = this.heldBackLength(buffer);
    this.pending = buffer.slice(buffer.length - hold);
    return { text: buffer.slice(0, buffer.length - hold), stopped: false };
  }

  /** The stream ended: whatever was held back is not a stop after all. */
  flush(): string {
    const rest = this.pending;
    this.pending = '';
    return this.matched === undefined ? rest : '';
  }

  /** Length of the longest tail of `buffer` that is a proper prefix of some stop sequence. */
  private heldBackLength(buffer: string): number {
    for (let k = Math.min(this.longest - 1, buffer.length); k > 0; k--) {
      const tail = buffer.slice(buffer.length - k);
      if (this.stops.some((s) => s.length > k && s.startsWith(tail))) return k;
    }
    return 0;
  }
}
