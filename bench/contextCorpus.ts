// The context-recall corpus: small multi-file projects (bench/contextCorpus/<project>/), and
// cursor points derived from them: the start of every line that uses a symbol defined in
// another file of its project (imports and definitions themselves left out). What a point
// needs is the definition line of each such symbol.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { identifiersOf } from '../src/core/context/identifiers';
import { projectRoot } from '../test/support/projectRoot';

export interface CorpusSource {
  /** `<project>/<file>`, as a workspace-relative path. */
  path: string;
  project: string;
  languageId: string;
  lines: string[];
}

export interface Need {
  symbol: string;
  /** Trimmed definition lines of the symbol in other files of the project (any one will do). */
  definitions: string[];
}

export interface RecallPoint {
  file: CorpusSource;
  line: number;
  character: number;
  needs: Need[];
}

const LANGUAGES: Readonly<Record<string, string>> = { '.py': 'python', '.ts': 'typescript' };

const DEFINITION: Readonly<Record<string, RegExp>> = {
  python: /^\s*(?:async\s+)?(?:def|class)\s+(\w+)|^([A-Z_][A-Z0-9_]*)\s*=/,
  typescript: /^(?:export\s+)?(?:async\s+)?(?:function|class|interface|type|const|let|enum)\s+(\w+)|^\s+(?:async\s+)?(\w+)(?:<[^>]*>)?\(.*\)(?::[^{]+)?\{\s*$/,
};

const IMPORT = /^\s*(?:from|import)\b/;

export function loadCorpus(): CorpusSource[] {
  const root = path.join(projectRoot(), 'bench', 'contextCorpus');
  const sources: CorpusSource[] = [];
  for (const project of fs.readdirSync(root).sort()) {
    for (const file of fs.readdirSync(path.join(root, project)).sort()) {
      const languageId = LANGUAGES[path.extname(file)];
      if (!languageId) continue;
      const text = fs.readFileSync(path.join(root, project, file), 'utf8');
      sources.push({ path: `${project}/${file}`, project, languageId, lines: text.replace(/\n$/, '').split('\n') });
    }
  }
  return sources;
}

/** Symbol → its definition lines, for one file. */
export function definitionsIn(file: CorpusSource): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of file.lines) {
    const m = DEFINITION[file.languageId]!.exec(line);
    const name = m?.[1] ?? m?.[2];
    if (name && name !== 'constructor' && !found.has(name)) found.set(name, line.trim());
  }
  return found;
}

export function recallPoints(corpus: readonly CorpusSource[]): RecallPoint[] {
  const defs = new Map(corpus.map((f) => [f, definitionsIn(f)]));
  const points: RecallPoint[] = [];
  for (const file of corpus) {
    const own = defs.get(file)!;
    const others = corpus.filter((f) => f.project === file.project && f !== file);
    file.lines.forEach((text, line) => {
      if (IMPORT.test(text) || DEFINITION[file.languageId]!.test(text)) return;
      const needs: Need[] = [];
      for (const symbol of identifiersOf(text)) {
        if (own.has(symbol)) continue;
        const definitions = others.flatMap((f) => defs.get(f)!.get(symbol) ?? []);
        if (definitions.length > 0) needs.push({ symbol, definitions });
      }
      if (needs.length > 0) points.push({ file, line, character: text.length - text.trimStart().length, needs });
    });
  }
  return points;
}

/** Whether the prompt carries a definition of every symbol the point needs. */
export function covered(prompt: string, point: RecallPoint): boolean {
  return point.needs.every((n) => n.definitions.some((d) => prompt.includes(d)));
}

/** The file's first lines up to the cursor, as the gatherer reads them for imports. */
export function headOf(point: RecallPoint): string {
  return point.file.lines.slice(0, Math.min(point.line, 60)).join('\n');
}
