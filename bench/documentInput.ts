// The bench's stand-in for a TextDocument: a plain array of lines, read through core's input
// builder (the same one the extension uses), with every line read counted.

import { buildCompletionInput, type InputDocument } from '../src/core/input/buildInput';
import type { CompletionInput } from '../src/core/input/completionInput';
import type { ContextPosition } from '../src/core/input/contextWindow';
import type { CompletionSettings } from '../src/core/settings';

/** A document as lines (no line breaks), with the line starts VS Code keeps for offsetAt. */
export class LineDocument implements InputDocument {
  /** Lines read through lineAt since the last reset. */
  lineReads = 0;
  readonly eol = '\n';
  private lineStarts: number[] | undefined;

  constructor(
    readonly lines: string[],
    readonly key: string,
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
  offsetAt(position: ContextPosition): number {
    if (!this.lineStarts) {
      this.lineStarts = new Array<number>(this.lines.length);
      let offset = 0;
      for (let i = 0; i < this.lines.length; i++) {
        this.lineStarts[i] = offset;
        offset += this.lines[i].length + 1;
      }
    }
    return this.lineStarts[position.line] + position.character;
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

/** What the extension computes for a cursor at (line, character). */
export function completionInputAt(doc: LineDocument, line: number, character: number, o: InputOptions): CompletionInput {
  return buildCompletionInput(doc, { position: { line, character }, settings: o.settings, explicit: o.explicit ?? false });
}

/** Input for a document holding `text` with the cursor at its end (the typist's view). */
export function completionInputAtEnd(text: string, uri: string, languageId: string, indentUnit: string, settings: CompletionSettings): CompletionInput {
  const doc = LineDocument.fromText(text, uri, languageId, indentUnit);
  const last = doc.lineCount - 1;
  return completionInputAt(doc, last, doc.lines[last].length, { settings });
}
