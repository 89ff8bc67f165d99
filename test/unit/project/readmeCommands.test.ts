// CI must run what README tells a new user, in the same order and nothing more: a step that
// only CI performs (an extra install, a warm cache) hides a README whose commands fail.

import * as assert from 'node:assert/strict';
import { readProjectFile } from '../../support/projectRoot';

/** The commands of README's Development block, without their trailing comments. */
function readmeCommands(): string[] {
  const readme = readProjectFile('README.md');
  const section = readme.slice(readme.indexOf('## Development'));
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  assert.ok(block, 'README has a ```sh block under ## Development');
  return block[1]
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.length > 0);
}

/** Every command line of .ci/run (comments, `set`, `cd` into the checkout and `echo` are not steps). */
function ciCommands(): string[] {
  return readProjectFile('.ci/run')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'))
    .filter((line) => !/^(set |cd "\$\(dirname|echo )/.test(line));
}

describe('README and CI', () => {
  it('README gives exactly two commands: set up and build, then test', () => {
    const commands = readmeCommands();
    assert.equal(commands.length, 2, `README commands: ${JSON.stringify(commands)}`);
    assert.match(commands[0], /^npm ci\b/);
    assert.equal(commands[1], 'npm test');
  });

  it('.ci/run runs README\'s commands, in order, and nothing else', () => {
    assert.deepEqual(ciCommands(), readmeCommands());
  });
});
