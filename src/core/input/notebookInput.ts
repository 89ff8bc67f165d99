// A notebook cell completes like a part of one file: the earlier cells (in order) come before
// the cell's own prefix and the later cells after its suffix, within the same character window
// buildInput uses for a file. The token budget (plan/) then cuts the combined text exactly.

import type { CompletionInput } from './completionInput';
import { asComment } from './lineComments';

export interface NotebookCellText {
  kind: 'code' | 'markup';
  languageId: string;
  text: string;
}

/** Blank line between cells: what a notebook exported as a script looks like. */
const CELL_SEPARATOR = '\n\n';

/**
 * `input` (built from the cursor cell alone) with the other cells around it. `cells` is the
 * whole notebook, `index` the cursor cell's place in it; `prefixChars` / `suffixChars` are the
 * character windows the cell's own text was cut to. Markup cells become comments in the
 * cursor cell's language; cells are taken nearest first and whole, until the next would not fit.
 */
export function withNotebookCells(
  input: CompletionInput,
  cells: readonly NotebookCellText[],
  index: number,
  limits: { prefixChars: number; suffixChars: number },
): CompletionInput {
  const render = (cell: NotebookCellText): string =>
    cell.kind === 'markup' ? asComment(cell.text, input.languageId) : cell.text;
  // Cells in another language (e.g. %%bash magics are still the kernel's language) are kept: they are context.
  const shown = (cell: NotebookCellText): boolean => cell.text.trim() !== '';

  /** `nearestFirst`, rendered by `piece`, each whole, as long as they fit in `room`. */
  const fitting = (nearestFirst: readonly NotebookCellText[], room: number, piece: (text: string) => string): string[] => {
    const taken: string[] = [];
    for (const cell of nearestFirst) {
      if (!shown(cell)) continue;
      const text = piece(render(cell));
      if (text.length > room) break;
      taken.push(text);
      room -= text.length;
    }
    return taken;
  };
  const earlier = cells.slice(0, index).reverse();
  const before = fitting(earlier, limits.prefixChars - input.prefix.length, (text) => text + CELL_SEPARATOR).reverse();
  const after = fitting(cells.slice(index + 1), limits.suffixChars - input.suffix.length, (text) => CELL_SEPARATOR + text);

  if (before.length === 0 && after.length === 0) return input;
  const eol = input.eol ?? '\n';
  const inEol = (parts: string[]): string => (eol === '\n' ? parts.join('') : parts.join('').replace(/\r?\n/g, eol));
  return { ...input, prefix: inEol(before) + input.prefix, suffix: input.suffix + inEol(after) };
}
