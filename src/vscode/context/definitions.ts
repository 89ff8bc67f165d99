// Definitions of the symbols at the cursor, from whatever language server answers
// (`vscode.executeDefinitionProvider`, then the type definition for a local variable). The
// request waits for them at most a few milliseconds: a slow server never delays the ghost
// text. Lookups that finish later are kept, so the next request has them at once.

import * as vscode from 'vscode';
import { LruCache } from '../../core/lruCache';
import type { SymbolAt } from '../../core/context/symbolsNearCursor';

/** Longest a request waits for language servers. */
export const DEFINITION_TIME_LIMIT_MS = 25;
/** A symbol's definition moves rarely; asking again after this catches renames and new code. */
const REMEMBER_MS = 30_000;

export interface FoundDefinition {
  symbol: string;
  uri: vscode.Uri;
  /** The definition's first line (its full range when the server gives one). */
  line: number;
  /** The file's lines from `line` on when it was looked up (read from disk if it was not open). */
  lines: string[];
}

/** Lines of a definition's file read after its first line: more than any snippet shows. */
export const DEFINITION_LINES = 30;

interface Lookup {
  at: number;
  result: Promise<FoundDefinition | undefined>;
  settled?: FoundDefinition | undefined | null;
}

export class DefinitionLookup {
  private readonly lookups = new LruCache<string, Lookup>(256);

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * The definitions (outside `document`, in files `mayRead` allows) found within the time
   * limit, in the order of `symbols`.
   */
  async find(
    document: vscode.TextDocument,
    symbols: readonly SymbolAt[],
    mayRead: (uri: vscode.Uri) => boolean,
    limitMs = DEFINITION_TIME_LIMIT_MS,
  ): Promise<FoundDefinition[]> {
    const lookups = symbols.map((s) => this.lookup(document, s, mayRead));
    const pending = lookups.filter((l) => l.settled === undefined);
    if (pending.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, limitMs)));
      await Promise.race([Promise.all(pending.map((l) => l.result)), deadline]);
      clearTimeout(timer);
    }
    return lookups.map((l) => l.settled).filter((d): d is FoundDefinition => d !== undefined && d !== null);
  }

  private lookup(document: vscode.TextDocument, symbol: SymbolAt, mayRead: (uri: vscode.Uri) => boolean): Lookup {
    // Keyed by name, not position: the same call typed again on the next line is the same symbol.
    const key = `${document.uri.toString()}\u0000${symbol.name}`;
    const known = this.lookups.get(key);
    if (known && this.now() - known.at < REMEMBER_MS) return known;
    const entry: Lookup = { at: this.now(), result: Promise.resolve(undefined) };
    entry.result = definitionOf(document, symbol, mayRead).then(
      (found) => {
        entry.settled = found ?? null;
        return found;
      },
      () => {
        entry.settled = null;
        return undefined;
      },
    );
    this.lookups.set(key, entry);
    return entry;
  }
}

async function definitionOf(
  document: vscode.TextDocument,
  symbol: SymbolAt,
  mayRead: (uri: vscode.Uri) => boolean,
): Promise<FoundDefinition | undefined> {
  const position = new vscode.Position(symbol.line, symbol.character);
  // Both at once: one round trip to the language servers instead of two, inside the time limit.
  const [definitions, typeDefinitions] = await Promise.all([
    ask('vscode.executeDefinitionProvider', document.uri, position),
    ask('vscode.executeTypeDefinitionProvider', document.uri, position),
  ]);
  // Defined in this file (a local variable, a parameter): its type is what lives elsewhere.
  const found = elsewhere(document, definitions) ?? elsewhere(document, typeDefinitions);
  // Checked before reading: an excluded file's text is not even loaded.
  if (!found || !mayRead(found.uri)) return undefined;
  const lines = await linesFrom(found.uri, found.line, DEFINITION_LINES);
  return lines.length > 0 ? { symbol: symbol.name, ...found, lines } : undefined;
}

async function linesFrom(uri: vscode.Uri, from: number, count: number): Promise<string[]> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) {
    const lines: string[] = [];
    for (let l = from; l < Math.min(open.lineCount, from + count); l++) lines.push(open.lineAt(l).text);
    return lines;
  }
  // Not open: read it from disk rather than open it, which other extensions would react to.
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  return text.split(/\r?\n/).slice(from, from + count);
}

type Target = vscode.Location | vscode.LocationLink;

async function ask(command: string, uri: vscode.Uri, position: vscode.Position): Promise<Target[]> {
  const result = await vscode.commands.executeCommand<Target[] | Target | undefined>(command, uri, position);
  return result === undefined ? [] : Array.isArray(result) ? result : [result];
}

function elsewhere(document: vscode.TextDocument, targets: Target[]): { uri: vscode.Uri; line: number } | undefined {
  for (const t of targets) {
    const uri = 'targetUri' in t ? t.targetUri : t.uri;
    const range = 'targetUri' in t ? t.targetRange : t.range;
    if (uri.toString() !== document.uri.toString()) return { uri, line: range.start.line };
  }
  return undefined;
}
