// The identifiers of a piece of code, the unit that similarity is measured in. Keywords and
// one-letter names are left out: every file has them, so they would make all code look alike.

const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$]*/g;

const KEYWORDS: ReadonlySet<string> = new Set(
  (
    'and as assert async await break case catch class const continue def default del delete do elif else ' +
    'enum except export extends false final finally for from func function global if impl import in ' +
    'instanceof interface is lambda let new nil none None not null of or pass private protected public ' +
    'raise readonly return self static super switch this throw true True False try type typeof undefined ' +
    'var void while with yield string number boolean int str bool float any unknown'
  ).split(' '),
);

/** Adds the identifiers of `text` to `into` (and returns it). */
export function addIdentifiers(text: string, into: Set<string>): Set<string> {
  for (const match of text.matchAll(IDENTIFIER)) {
    const word = match[0];
    if (word.length > 1 && !KEYWORDS.has(word)) into.add(word);
  }
  return into;
}

export function identifiersOf(text: string): Set<string> {
  return addIdentifiers(text, new Set());
}
