import * as assert from 'node:assert/strict';
import { excludeMatcher } from '../../../src/core/secretFiles';

// Common places secrets live; none of them may ever be sent, whatever the settings say.
const SECRET_PATHS = [
  '/home/u/app/.env',
  '/home/u/app/.env.production',
  '/home/u/app/prod.env',
  '/home/u/app/.envrc',
  '/home/u/.ssh/id_rsa',
  '/home/u/.ssh/id_ed25519',
  '/home/u/.ssh/id_ecdsa',
  '/home/u/.ssh/config',
  '/home/u/.ssh/authorized_keys',
  '/home/u/certs/server.pem',
  '/home/u/certs/server.key',
  '/home/u/certs/client.p12',
  '/home/u/certs/client.pfx',
  '/home/u/certs/release.jks',
  '/home/u/android/app.keystore',
  '/home/u/Passwords.kdbx',
  '/home/u/.aws/credentials',
  '/home/u/.aws/config',
  '/home/u/app/.npmrc',
  '/home/u/app/.yarnrc.yml',
  '/home/u/.netrc',
  '/home/u/.pgpass',
  '/home/u/.git-credentials',
  '/home/u/.pypirc',
  '/home/u/app/credentials.json',
  '/home/u/app/config/secrets.yaml',
  '/home/u/app/secrets.json',
  '/home/u/.docker/config.json',
  '/home/u/.kube/config',
  '/home/u/infra/prod.tfvars',
  '/home/u/infra/terraform.tfstate',
  '/home/u/infra/terraform.tfstate.backup',
  '/srv/www/.htpasswd',
  'C:\\Users\\u\\app\\.ENV',
];

describe('secret files', () => {
  it('the built-in globs cover every common secret file, even with no setting', () => {
    const matcher = excludeMatcher([]);
    const missed = SECRET_PATHS.filter((p) => matcher.match(p) === undefined);
    assert.deepEqual(missed, []);
  });

  it('ordinary source files are sent', () => {
    const matcher = excludeMatcher([]);
    for (const p of ['/home/u/app/main.py', '/home/u/app/src/env.ts', '/home/u/app/environment.md', '/home/u/app/keys.py', '/home/u/app/Untitled-1']) {
      assert.equal(matcher.match(p), undefined, p);
    }
  });

  it('the user\'s globs add to the built-ins and name the glob that matched', () => {
    const matcher = excludeMatcher(['**/private/**']);
    assert.equal(matcher.match('/home/u/app/private/notes.md'), '**/private/**');
    assert.equal(matcher.match('/home/u/app/.env'), '**/.env');
  });
});
