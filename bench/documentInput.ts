// The adapter's document → CompletionInput step (src/vscode/documentContext.ts) without vscode:
// a plain array of lines stands in for the TextDocument, and every line read is counted.

import type { CompletionInput } from '../src/core/input/completionInput';
import { extractContext, type LineSource } from '../src/core/input/contextWindow';
import type { CompletionSettings } from '../src/core/settings';

// Same constants as documentContext.ts, so the window is the one the extension reads.
const CHARS_PER_TOKEN_UPPER = 6;
const NEXT_LINES = 5;

/** A document as lines (no line breaks), with the line starts VS Code keeps for offsetAt. */
export class LineDocument implements LineSource {
  /** Lines read through lineAt since the last reset. */
  lineReads = 0;
  private lineStarts: number[] | undefined;

  constructor(
    readonly lines: string[],
    readonly uri: string,
    readonly languageId: string,
    readonly indentUnit: string | undefined,
  ) {}

  static fromText(text: string, uri: string, languageId: string, indentUnit?: string): LineDocument {
    return new LineDocument(text.split('\n'), uri, languageId, indentUnit);
  }

  get lineCount(): number {
    return this.lines.length;
  }

  lineAt(line: number): string {
    this.lineReads++;
    return this.lines[line];
  }

  /**
   * Editing one line keeps the starts of the lines up to it valid; VS Code's offsetAt is a
   * prefix-sum lookup too, so the cost bench must not pay a whole-document scan here.
   */
  offsetAt(line: number, character: number): number {
    if (!this.lineStarts) {
      this.lineStarts = new Array<number>(this.lines.length);
      let offset = 0;
      for (let i = 0; i < this.lines.length; i++) {
        this.lineStarts[i] = offset;
        offset += this.lines[i].length + 1;
      }
    }
    return this.lineStarts[line] + character;
  }

  /** Call after changing lines before `line`, or adding/removing lines. */
  invalidateOffsets(): void {
    this.lineStarts = undefined;
  }
}

export interface InputOptions {
  settings: CompletionSettings;
  explicit?: boolean;
}

/** What buildCompletionInput in documentContext.ts computes, for a cursor at (line, character). */
export function completionInputAt(doc: LineDocument, line: number, character: number, o: InputOptions): CompletionInput {
  const { settings } = o;
  const budgetChars = settings.contextTokens * CHARS_PER_TOKEN_UPPER;
  const window = extractContext(
    doc,
    { line, character },
    { prefixChars: budgetChars, suffixChars: Math.ceil(budgetChars * Math.max(settings.suffixShare, 0.1)) },
  );
  const lineText = doc.lineAt(line);
  const nextLines: string[] = [];
  for (let i = line + 1; i < Math.min(doc.lineCount, line + 1 + NEXT_LINES); i++) nextLines.push(doc.lineAt(i));
  return {
    editorKey: doc.uri,
    languageId: doc.languageId,
    offset: doc.offsetAt(line, character),
    prefix: window.prefix,
    suffix: window.suffix,
    linePrefix: lineText.slice(0, character),
    lineSuffix: lineText.slice(character),
    nextLines,
    indentUnit: doc.indentUnit,
    explicit: o.explicit ?? false,
    settings,
  };
}

/** Input for a document holding `text` with the cursor at its end (the typist's view). */
export function completionInputAtEnd(text: string, uri: string, languageId: string, indentUnit: string, settings: CompletionSettings): CompletionInput {
  const doc = LineDocument.fromText(text, uri, languageId, indentUnit);
  const last = doc.lineCount - 1;
  return completionInputAt(doc, last, doc.lines[last].length, { settings });
}
