// Stop sequences: where a suggestion should end. The API honours at most 4; any further
// ones, and the single-line cut, are enforced on the stream (stream/stopMatcher.ts).
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
