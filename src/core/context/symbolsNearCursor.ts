// The names the user is using right at the cursor (a call being typed, the receiver of a
// member access): their definitions are what the model most likely needs from other files.

import { identifiersOf } from './identifiers';

export interface SymbolAt {
  name: string;
  line: number;
  character: number;
}

const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$]*/g;

/**
 * Up to `max` distinct identifiers (keywords left out) on the cursor line before the cursor and
 * on the `linesAbove` lines above it, nearest to the cursor first, each at its last occurrence.
 */
export function symbolsNearCursor(
  lineAt: (line: number) => string,
  position: { line: number; character: number },
  linesAbove: number,
  max: number,
): SymbolAt[] {
  const found: SymbolAt[] = [];
  const seen = new Set<string>();
  for (let line = position.line; line >= Math.max(0, position.line - linesAbove) && found.length < max; line--) {
    const text = line === position.line ? lineAt(line).slice(0, position.character) : lineAt(line);
    const onLine = [...text.matchAll(IDENTIFIER)].reverse();
    for (const m of onLine) {
      const name = m[0];
      if (seen.has(name) || identifiersOf(name).size === 0) continue;
      seen.add(name);
      found.push({ name, line, character: m.index! });
      if (found.length === max) break;
    }
  }
  return found;
}
