import * as assert from 'node:assert/strict';
import { importLines } from '../../../../src/core/context/importLines';

describe('importLines', () => {
  const cases: Array<{ name: string; head: string; lines: string[] }> = [
    { name: 'python imports', head: 'import os\nfrom models import Order, Customer\n\nx = 1', lines: ['import os', 'from models import Order, Customer'] },
    { name: 'typescript imports', head: "import { a } from './a';\nimport type { B } from './b';\nconst c = 1;", lines: ["import { a } from './a';", "import type { B } from './b';"] },
    { name: 'a multi-line import list', head: "import {\n  alpha,\n  beta,\n} from './x';\nalpha();", lines: ['import {', '  alpha,', '  beta,', "} from './x';"] },
    { name: 're-exports', head: "export { a, b } from './ab';\nexport const c = 1;", lines: ["export { a, b } from './ab';"] },
    { name: 'require calls', head: "const fs = require('fs');\nfs.readFileSync();", lines: ["const fs = require('fs');"] },
    { name: 'C includes and Rust uses', head: '#include "util.h"\nuse crate::parse;\nint x;', lines: ['#include "util.h"', 'use crate::parse;'] },
    { name: 'no imports', head: 'def f():\n    return important_value', lines: [] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(importLines(c.head), c.lines));
});
