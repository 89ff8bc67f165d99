// The checkout's root, found from the compiled test's folder (out/test/...) or the source tree.

import * as fs from 'node:fs';
import * as path from 'node:path';

export function projectRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'ghost-complete') return dir;
    dir = path.dirname(dir);
  }
  throw new Error('project root (package.json of ghost-complete) not found');
}

export function readProjectFile(relative: string): string {
  return fs.readFileSync(path.join(projectRoot(), relative), 'utf8');
}
