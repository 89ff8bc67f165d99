import * as assert from 'node:assert/strict';
import { CompletionError } from '../../../src/core/completionError';
import { parseProxyUrl, redactProxyUrl } from '../../../src/openai/proxyUrl';

describe('parseProxyUrl / redactProxyUrl', () => {
  it('turns credentials into a Basic token, percent-decoded, and strips them from the agent URL', () => {
    const p = parseProxyUrl('http://us%40er:p%3Ass%20w@proxy.corp:3128');
    assert.equal(p.token, `Basic ${Buffer.from('us@er:p:ss w').toString('base64')}`);
    assert.equal(p.url.href, 'http://proxy.corp:3128/');
    assert.equal(p.host, 'proxy.corp:3128');
    assert.equal(p.href, 'http://us%40er:p%3Ass%20w@proxy.corp:3128');
  });

  it('sends "user:" for a user name without a password (as curl does)', () => {
    assert.equal(parseProxyUrl('http://bob@proxy.corp:3128').token, `Basic ${Buffer.from('bob:').toString('base64')}`);
  });

  it('has no token without credentials', () => {
    const p = parseProxyUrl('proxy.corp:3128');
    assert.equal(p.token, undefined);
    assert.equal(p.url.href, 'http://proxy.corp:3128/');
  });

  const invalid: [raw: string, fragment: RegExp][] = [
    ['', /is empty/],
    ['http://', /not a valid URL/],
    ['http://bob:hunter2secret@proxy.corp:99999', /not a valid URL/],
    ['http://bob:hunter2secret@proxy .corp:3128', /not a valid URL/],
    ['socks5://bob:hunter2secret@127.0.0.1:1080', /socks5:\/\/.*not supported/],
    ['ftp://proxy.corp', /ftp:\/\/.*not supported/],
    ['http://bob:hunter2%ZZsecret@proxy.corp:3128', /percent-encoding/],
  ];
  for (const [raw, fragment] of invalid) {
    it(`rejects ${JSON.stringify(raw)} with 'invalid-config', without the password`, () => {
      assert.throws(
        () => parseProxyUrl(raw),
        (err: unknown) => {
          assert.ok(err instanceof CompletionError);
          assert.equal(err.kind, 'invalid-config');
          assert.match(err.message, fragment);
          assert.match(err.message, /http\.proxy|HTTPS_PROXY/);
          assert.doesNotMatch(err.message, /hunter2|secret/);
          assert.doesNotMatch(err.stack ?? '', /hunter2|secret/);
          return true;
        },
      );
    });
  }

  it('redacts credentials for logs', () => {
    assert.equal(redactProxyUrl('http://bob:hunter2@proxy.corp:3128'), 'http://***@proxy.corp:3128');
    assert.equal(redactProxyUrl('bob:hunter2@proxy.corp:3128'), '***@proxy.corp:3128');
    assert.equal(redactProxyUrl('http://bob:hun@ter2@proxy.corp:3128'), 'http://***@proxy.corp:3128');
    assert.equal(redactProxyUrl('http://proxy.corp:3128'), 'http://proxy.corp:3128');
  });
});
