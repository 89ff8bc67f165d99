// Recognises a line that defines a name (`def f`, `class A`, `export function f`, a method
// `name(args) {`), without parsing: enough to anchor a snippet on the definition of a symbol
// the cursor's code uses, in any open file, when no language server has answered.

const KEYWORD_DEFINITION = /^\s*(?:export\s+)?(?:default\s+)?(?:public\s+|private\s+|protected\s+|static\s+|abstract\s+|async\s+|pub\s+|declare\s+)*(?:def|class|function\*?|interface|type|enum|struct|trait|fn|func|module|object|record)\s+([A-Za-z_$][\w$]*)/;
/** Top-level constants and variables only: inside a body they are locals, not API. */
const TOP_LEVEL_BINDING = /^(?:export\s+)?(?:const|let|var|val)\s+([A-Za-z_$][\w$]*)|^([A-Z_][A-Z0-9_]*)\s*[:=]/;
/** An indented method with its body opening on the same line. */
const METHOD = /^\s+(?:(?:public|private|protected|static|async|override|readonly)\s+)*([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\([^;]*\)\s*(?::[^=;{]+)?\{\s*$/;
const NOT_METHODS = new Set(['if', 'for', 'while', 'switch', 'catch', 'function', 'constructor', 'return']);

/** The name `line` defines, or undefined. */
export function definedName(line: string): string | undefined {
  const m = KEYWORD_DEFINITION.exec(line) ?? TOP_LEVEL_BINDING.exec(line);
  if (m) return m[1] ?? m[2];
  const method = METHOD.exec(line)?.[1];
  return method && !NOT_METHODS.has(method) ? method : undefined;
}
