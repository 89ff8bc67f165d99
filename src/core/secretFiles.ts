// Files whose text never leaves the machine. The built-in globs always apply: a user's or a
// repository's `ghostComplete.exclude` can add to them, never take one away, so a setting
// cannot send `.env` or a private key to a server by mistake.

import picomatch from 'picomatch';

export const SECRET_FILE_GLOBS: readonly string[] = Object.freeze([
  // Environment files and their direnv / dotenv variants.
  '**/.env',
  '**/.env.*',
  '**/*.env',
  '**/.envrc',
  // Private keys, certificates with keys, key stores and password databases.
  '**/*.pem',
  '**/*.key',
  '**/*.p12',
  '**/*.pfx',
  '**/*.jks',
  '**/*.keystore',
  '**/*.kdbx',
  '**/*.gpg',
  '**/id_rsa*',
  '**/id_dsa*',
  '**/id_ecdsa*',
  '**/id_ed25519*',
  '**/.ssh/**',
  // Credentials that tools keep in their own files.
  '**/.aws/credentials',
  '**/.aws/config',
  '**/.npmrc',
  '**/.yarnrc.yml',
  '**/.netrc',
  '**/_netrc',
  '**/.pgpass',
  '**/.git-credentials',
  '**/.pypirc',
  '**/.docker/config.json',
  '**/.kube/config',
  '**/kubeconfig',
  '**/.htpasswd',
  '**/credentials.json',
  '**/secrets.*',
  '**/*.secret',
  // Infrastructure state and variables (hold passwords and tokens in clear text).
  '**/*.tfvars',
  '**/*.tfstate',
  '**/*.tfstate.backup',
]);

export interface ExcludeMatcher {
  /** The glob that matched `path`, or undefined when the file may be sent. */
  match(path: string): string | undefined;
}

/** A matcher over the built-in globs plus `extra`; `path` is a document's path with `/` separators. */
export function excludeMatcher(extra: readonly string[]): ExcludeMatcher {
  const globs = [...new Set([...SECRET_FILE_GLOBS, ...extra])];
  // `dot`: secrets live in dot-files and dot-folders; `nocase`: `.ENV` on a case-insensitive disk is the same file.
  const tests = globs.map((glob) => ({ glob, test: picomatch(glob, { dot: true, nocase: true }) }));
  return {
    match(path) {
      const normalized = path.replace(/\\/g, '/');
      return tests.find(({ test }) => test(normalized))?.glob;
    },
  };
}
