// What the context stage works with: snippets of other files that may go above the prompt,
// and the port through which the editor hands them over when a request is about to be sent.

export type SnippetKind = 'definition' | 'recentEdit' | 'openFile';

/** A piece of another file, as lines of that file. */
export interface ContextSnippet {
  kind: SnippetKind;
  /** Path relative to the workspace, shown to the model as the snippet's label. */
  path: string;
  /** 0-based lines of that file, end exclusive. */
  startLine: number;
  endLine: number;
  text: string;
  /** Higher is better; only compared within the ranking that made it. */
  score: number;
}

/** Everything gathered for one request, best snippet first. */
export interface GatheredContext {
  /** The current file's path relative to the workspace, for the header; undefined: no header. */
  path?: string;
  snippets: ContextSnippet[];
  /** Milliseconds spent gathering (for the log and the bench). */
  gatherMs?: number;
}

/** Supplied by the editor with each input; called only once a request is really sent. */
export interface ContextSource {
  gather(signal: AbortSignal): Promise<GatheredContext>;
}
