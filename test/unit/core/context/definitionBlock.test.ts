import * as assert from 'node:assert/strict';
import { definitionBlock, definitionText } from '../../../../src/core/context/definitionBlock';

describe('definitionBlock', () => {
  const cases: Array<{ name: string; text: string; start: number; max?: number; lines: [number, number] }> = [
    { name: 'python function body', text: 'def f(a):\n    return a\n\nx = f(1)', start: 0, lines: [0, 2] },
    { name: 'python class with methods and blank lines', text: 'class A:\n    x = 1\n\n    def g(self):\n        pass\n\nclass B:', start: 0, lines: [0, 5] },
    { name: 'python decorators above', text: '@dataclass\n@frozen\nclass P:\n    x: int\ny = 2', start: 2, lines: [0, 4] },
    { name: 'python multi-line signature', text: 'def f(\n    a,\n) -> int:\n    return a\nz = 1', start: 0, lines: [0, 4] },
    { name: 'typescript function to its brace', text: 'export function f(a: number): number {\n  return a;\n}\nconst b = 1;', start: 0, lines: [0, 3] },
    { name: 'typescript interface', text: 'interface P {\n  x: number;\n}\n', start: 0, lines: [0, 3] },
    { name: 'typescript multi-line signature', text: 'function f(\n  a: number,\n): number {\n  return a;\n}\nf(1);', start: 0, lines: [0, 5] },
    { name: 'indented method stops at its own end', text: 'class C {\n  m() {\n    return 1;\n  }\n  n() {}\n}', start: 1, lines: [1, 4] },
    { name: 'a one-line definition', text: 'export const LIMIT = 5;\nconst other = 6;', start: 0, lines: [0, 1] },
    { name: 'capped at maxLines', text: 'def f():\n' + '    x = 1\n'.repeat(50), start: 0, max: 10, lines: [0, 10] },
    { name: 'a start past the end is clamped', text: 'a = 1', start: 5, lines: [0, 1] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const block = definitionBlock(c.text.split('\n'), c.start, c.max ?? 30);
      assert.deepEqual([block.startLine, block.endLine], c.lines);
    });
  }
});

describe('definitionText', () => {
  const CLASS = [
    'class Store {',
    '  private items = new Map();',
    '  add(item: Item): void {',
    '    this.items.set(item.id, item);',
    '    log(item);',
    '  }',
    '  get(id: string): Item {',
    '    return this.items.get(id);',
    '  }',
    '}',
  ];
  const cases: Array<{ name: string; lines: string[]; full: number; max: number; text: string }> = [
    { name: 'a short block whole', lines: CLASS, full: 10, max: 20, text: CLASS.join('\n') },
    { name: 'a long class as its outline', lines: CLASS, full: 5, max: 20, text: ['class Store {', '  private items = new Map();', '  add(item: Item): void {', '  }', '  get(id: string): Item {', '  }', '}'].join('\n') },
    { name: 'an outline capped', lines: CLASS, full: 5, max: 3, text: ['class Store {', '  private items = new Map();', '  add(item: Item): void {'].join('\n') },
    { name: 'decorators kept above the outline', lines: ['@dataclass', 'class P:', '    x: int', '    def f(self):', '        return 1'], full: 3, max: 10, text: '@dataclass\nclass P:\n    x: int\n    def f(self):' },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(definitionText(c.lines, { startLine: 0, endLine: c.lines.length }, c.full, c.max), c.text));
  }
});
