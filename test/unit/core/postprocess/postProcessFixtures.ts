// Post-processing cases, one per row: a document with the cursor at `█`, what the model streamed,
// and what the user should see (or nothing). Grouped by what each rule protects against.

export interface Fixture {
  name: string;
  /** The document, with `█` at the cursor. */
  code: string;
  /** What the model streamed. */
  raw: string;
  multiline: boolean;
  indentUnit?: string;
  eol?: string;
  /** The ghost text and how many characters after the cursor it replaces, or 'dropped'. */
  expect: { ghost: string; replace: number } | 'dropped';
  /** The document after the user accepts the suggestion (checked when given). */
  accepted?: string;
}

export const fixtures: Fixture[] = [
  // --- dropping what is not worth showing
  {
    name: 'python: whitespace-only output is dropped',
    code: 'def f():\n    █\n',
    raw: '   \n  \n',
    multiline: true,
    expect: 'dropped',
  },
  {
    name: 'python: single-line output starting with a newline is dropped',
    code: 'x = 1█\n',
    raw: '\ny = 2',
    multiline: false,
    expect: 'dropped',
  },
  {
    name: 'python: a suggestion that only repeats the line below is dropped',
    code: 'def double(x):\n    █\n    return x * 2\n',
    raw: 'return x * 2\n',
    multiline: true,
    expect: 'dropped',
  },
  {
    name: 'typescript: output that starts by re-emitting the next line is dropped',
    code: 'function f() {█\n  return 1;\n}',
    raw: '\n  return 1;\n}',
    multiline: true,
    expect: 'dropped',
  },
  {
    name: 'typescript: a suggestion that is only the closing bracket already there is dropped',
    code: 'foo(█)',
    raw: ')',
    multiline: false,
    expect: 'dropped',
  },
  // --- single line and trailing whitespace
  {
    name: 'python: single-line mode keeps the first line only',
    code: 'total = █\n',
    raw: 'sum(values)\nprint(total)',
    multiline: false,
    expect: { ghost: 'sum(values)', replace: 0 },
  },
  {
    name: 'python: trailing blank lines and spaces are trimmed',
    code: 'def add(a, b):\n    █\n',
    raw: 'return a + b  \n\n\n',
    multiline: true,
    expect: { ghost: 'return a + b', replace: 0 },
  },
  {
    name: 'typescript: trailing space before a closing bracket is trimmed',
    code: 'foo(█)',
    raw: 'a, b  ',
    multiline: false,
    expect: { ghost: 'a, b', replace: 0 },
    accepted: 'foo(a, b)',
  },
  {
    name: 'typescript: trailing space before a word is kept as a separator',
    code: 'return █value;',
    raw: 'await ',
    multiline: false,
    expect: { ghost: 'await ', replace: 0 },
    accepted: 'return await value;',
  },
  // --- not writing the rest of the line twice
  {
    name: 'typescript: an extra closing paren replaces the auto-closed one',
    code: 'console.log(█)',
    raw: 'foo(a, b))',
    multiline: false,
    expect: { ghost: 'foo(a, b))', replace: 1 },
    accepted: 'console.log(foo(a, b))',
  },
  {
    name: 'typescript: a balanced call keeps the closing paren after the cursor',
    code: 'console.log(█)',
    raw: 'foo(a, b)',
    multiline: false,
    expect: { ghost: 'foo(a, b)', replace: 0 },
    accepted: 'console.log(foo(a, b))',
  },
  {
    name: 'typescript: re-emitted rest of the line is replaced, not duplicated',
    code: 'const total = sum(█);',
    raw: 'a, b);',
    multiline: false,
    expect: { ghost: 'a, b);', replace: 2 },
    accepted: 'const total = sum(a, b);',
  },
  {
    name: 'typescript: re-emitted closing paren before the rest of the line is replaced',
    code: 'const total = sum(█);',
    raw: 'a, b)',
    multiline: false,
    expect: { ghost: 'a, b)', replace: 1 },
    accepted: 'const total = sum(a, b);',
  },
  {
    name: 'typescript: a paren inside a string does not count as opening',
    code: 'console.log(█)',
    raw: '"(" + x)',
    multiline: false,
    expect: { ghost: '"(" + x)', replace: 1 },
    accepted: 'console.log("(" + x)',
  },
  {
    name: 'typescript: block written into auto-closed braces replaces the brace',
    code: 'function double(x: number) {█}',
    raw: '\n  return x * 2;\n}',
    multiline: true,
    expect: { ghost: '\n  return x * 2;\n}', replace: 1 },
    accepted: 'function double(x: number) {\n  return x * 2;\n}',
  },
  {
    name: 'typescript: arguments spread over lines keep the closing paren on its own line',
    code: 'run(█);',
    raw: '\n  first,\n  second,\n)',
    multiline: true,
    expect: { ghost: '\n  first,\n  second,\n)', replace: 1 },
    accepted: 'run(\n  first,\n  second,\n);',
  },
  {
    name: 'python: closing quote and paren re-emitted',
    code: 'print("█")',
    raw: 'hello, world")',
    multiline: false,
    expect: { ghost: 'hello, world")', replace: 2 },
    accepted: 'print("hello, world")',
  },
  {
    name: 'python: re-emitted colon at the end of the line',
    code: 'if count█:\n    pass',
    raw: ' > 0:',
    multiline: false,
    expect: { ghost: ' > 0:', replace: 1 },
    accepted: 'if count > 0:\n    pass',
  },
  {
    name: 'go: closing quote re-emitted before the auto-closed paren',
    code: 'fmt.Println("█")',
    raw: 'hello"',
    multiline: false,
    expect: { ghost: 'hello"', replace: 1 },
    accepted: 'fmt.Println("hello")',
  },
  {
    name: 'go: a quote that opens a new string is not taken for the closing one',
    code: 'msg := "█"',
    raw: 'Hello, " + name + "',
    multiline: false,
    expect: { ghost: 'Hello, " + name + "', replace: 0 },
    accepted: 'msg := "Hello, " + name + ""',
  },
  {
    name: 'go: strings in the suggestion do not hide its closing paren',
    code: 'fmt.Println(█)',
    raw: '"a", "b")',
    multiline: false,
    expect: { ghost: '"a", "b")', replace: 1 },
    accepted: 'fmt.Println("a", "b")',
  },
  {
    name: 'go: text after the cursor that the model did not repeat stays',
    code: 'x := make([]int, █)',
    raw: 'n',
    multiline: false,
    expect: { ghost: 'n', replace: 0 },
    accepted: 'x := make([]int, n)',
  },
  // --- the model re-emitting the code below the cursor
  {
    name: 'python: cut where the model starts repeating the code below',
    code: 'def area(r):\n    █\n    return result\n',
    raw: 'result = 3.14159 * r * r\n    return result\n',
    multiline: true,
    expect: { ghost: 'result = 3.14159 * r * r', replace: 0 },
  },
  {
    name: 'typescript: the closing brace that already exists is not suggested again',
    code: 'function double(x: number) {\n  █\n}\n',
    raw: 'return x * 2;\n}\n',
    multiline: true,
    expect: { ghost: 'return x * 2;', replace: 0 },
  },
  {
    name: 'typescript: a nested block keeps its own closing brace',
    code: 'function check(xs: number[]) {\n  █\n}\n',
    raw: "for (const x of xs) {\n    if (x < 0) throw new Error('negative');\n  }\n}\n",
    multiline: true,
    expect: { ghost: "for (const x of xs) {\n    if (x < 0) throw new Error('negative');\n  }", replace: 0 },
  },
  {
    name: 'go: cut at the existing closing brace, blank lines below are ignored',
    code: 'func main() {\n\t█\n\n}\n',
    raw: 'fmt.Println("hi")\n}\n',
    multiline: true,
    expect: { ghost: 'fmt.Println("hi")', replace: 0 },
  },
  {
    name: 'python: completing the line being typed is kept even if the same line follows',
    code: 'def f(x):\n    ret█\n    return x\n',
    raw: 'urn x',
    multiline: false,
    expect: { ghost: 'urn x', replace: 0 },
  },
  {
    name: 'python: finishing a signature stops before the existing body',
    code: 'def scale(█\n    return value * factor\n',
    raw: 'value, factor):\n    return value * factor\n',
    multiline: true,
    expect: { ghost: 'value, factor):', replace: 0 },
  },
  // --- indentation in the document's style
  {
    name: 'go: spaces from the model become the tabs the file uses',
    code: 'func f() {\n\t█\n}\n',
    raw: 'for i := 0; i < 3; i++ {\n        fmt.Println(i)\n    }\n}\n',
    multiline: true,
    indentUnit: '\t',
    expect: { ghost: 'for i := 0; i < 3; i++ {\n\t\tfmt.Println(i)\n\t}', replace: 0 },
  },
  {
    name: 'python: tabs from the model become the spaces the file uses',
    code: 'def f(items):\n  █\n',
    raw: 'for item in items:\n\t\tprint(item)\n',
    multiline: true,
    indentUnit: '  ',
    expect: { ghost: 'for item in items:\n    print(item)', replace: 0 },
  },
  {
    name: 'typescript: indentation already in the file style is untouched',
    code: 'if (ok) {\n  █\n}',
    raw: 'if (again) {\n    retry();\n  }',
    multiline: true,
    indentUnit: '  ',
    expect: { ghost: 'if (again) {\n    retry();\n  }', replace: 0 },
  },
  {
    name: 'typescript: line breaks follow the document (CRLF)',
    code: 'function f() {\r\n  █',
    raw: 'const a = 1;\nreturn a;',
    multiline: true,
    eol: '\r\n',
    expect: { ghost: 'const a = 1;\r\nreturn a;', replace: 0 },
  },
];
