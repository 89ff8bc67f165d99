// The import statements at the top of a file: the names a file takes from other files, and so
// the definitions most worth showing, even when the cursor is far below them.

const IMPORT = /^\s*(?:import\b|from\s+\S+\s+import\b|export\s+(?:\*|\{[^}]*\})\s+from\b|#\s*include\b|using\s|use\s|require\b)|\brequire\(/;
const OPENS_LIST = /[{(]\s*$/;
const CLOSES_LIST = /^\s*[})]/;

/** The import lines of `head` (a file's first lines), multi-line import lists included. */
export function importLines(head: string): string[] {
  const out: string[] = [];
  let inList = false;
  for (const line of head.split('\n')) {
    if (inList) {
      out.push(line);
      if (CLOSES_LIST.test(line)) inList = false;
    } else if (IMPORT.test(line)) {
      out.push(line);
      inList = OPENS_LIST.test(line);
    }
  }
  return out;
}
