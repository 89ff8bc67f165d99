// Large open files for the context benches: the corpus's code of one language from other
// projects than the cursor's, repeated with its defined names renamed per copy, so that they
// look like real code of the same kind (shared vocabulary: types, library calls) without
// defining what a cursor point needs.

import { definitionsIn, type CorpusSource } from './contextCorpus';
import type { OpenFile } from '../src/core/context/rankSnippets';

export function largeFiles(corpus: readonly CorpusSource[], languageId: string, exceptProject: string, count: number, lines: number): OpenFile[] {
  const sources = corpus.filter((f) => f.languageId === languageId && f.project !== exceptProject);
  const defined = new Set(sources.flatMap((f) => [...definitionsIn(f).keys()]));
  const files: OpenFile[] = [];
  for (let n = 0; n < count; n++) {
    const text: string[] = [];
    for (let copy = 0; text.length < lines; copy++) {
      const source = sources[(n + copy) % sources.length]!;
      for (const line of source.lines) {
        text.push(line.replace(/[A-Za-z_]\w*/g, (id) => (defined.has(id) ? `${id}_v${n}_${copy}` : id)));
      }
    }
    text.length = lines;
    const path = `vendor/${exceptProject}_large_${n}.${languageId === 'python' ? 'py' : 'ts'}`;
    files.push({ key: path, path, languageId, version: 1, lines: () => text });
  }
  return files;
}

/** For each project: 20 (or `count`) large files of its language from the other projects. */
export function largeFilesByProject(corpus: readonly CorpusSource[], count: number, lines: number): Map<string, OpenFile[]> {
  const projects = new Map(corpus.map((f) => [f.project, f.languageId]));
  return new Map([...projects].map(([project, languageId]) => [project, largeFiles(corpus, languageId, project, count, lines)]));
}
