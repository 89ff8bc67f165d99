// `npm test` must fail when a test leaves a promise rejection unhandled (mocha alone only logs it).

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { projectRoot } from '../../support/projectRoot';

describe('unhandled promise rejections', function () {
  this.timeout(30_000);

  it('fail the mocha run that the unit layer uses, naming the test', () => {
    const root = projectRoot();
    const result = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'),
        '--no-config',
        '--require',
        path.join(root, 'out', 'test', 'support', 'failOnUnhandledRejection.js'),
        path.join(root, 'test', 'fixtures', 'mocha', 'leaksRejection.spec.js'),
      ],
      { encoding: 'utf8', cwd: root },
    );
    const output = `${result.stdout}${result.stderr}`;
    assert.notEqual(result.status, 0, output);
    assert.match(output, /Unhandled promise rejection/);
    assert.match(output, /forgets to await a failing save/);
    assert.match(output, /save failed/);
  });
});
