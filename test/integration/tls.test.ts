// A model server behind a certificate authority of its own (a company's), on loopback, in a
// real VS Code: untrusted it fails with a message that names the fix; trusted through
// ghostComplete.tls.caFiles or NODE_EXTRA_CA_CERTS the suggestion arrives.

import * as assert from 'node:assert/strict';
import { makeTestCertificates } from '../support/testCertificates';
import { FakeOpenAI } from './support/fakeServer';
import { type GhostCompleteApi, endOf, insertTextOf, provide, setSetting, useFakeServer, waitFor, openAddFunction } from './support/helpers';

const KEY = 'sk-test-tls-0a1b2c3d4e5f6a7b';

suite('Ghost Complete: servers with a private certificate authority', () => {
  const certs = makeTestCertificates();
  const fixture = useFakeServer(KEY, new FakeOpenAI({ key: certs.key, cert: certs.cert }));
  const server = fixture.server;
  let api: GhostCompleteApi;
  const extraBefore = process.env.NODE_EXTRA_CA_CERTS;

  suiteSetup(() => {
    api = fixture.api();
  });
  teardown(() => {
    if (extraBefore === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
    else process.env.NODE_EXTRA_CA_CERTS = extraBefore;
  });
  suiteTeardown(() => certs.remove());

  async function ask(): Promise<string[]> {
    const doc = await openAddFunction();
    return (await provide(api, doc, endOf(doc))).map(insertTextOf);
  }

  test('an untrusted certificate is reported as such, naming the setting that fixes it', async () => {
    assert.ok(server.baseUrl.startsWith('https://'));
    assert.deepEqual(await ask(), []);
    const status = await waitFor('the error status', () => (api.status().state === 'error' ? api.status() : undefined));
    assert.match(status.message ?? '', /is not trusted/);
    assert.match(status.message ?? '', /ghostComplete\.tls\.caFiles/);
    assert.equal(server.completions.length, 0, 'the request went through an untrusted connection');
  });

  test('the CA named in ghostComplete.tls.caFiles is trusted', async () => {
    await setSetting('tls.caFiles', [certs.caFile]);
    assert.deepEqual(await ask(), ['return a + b']);
  });

  test('the CA in NODE_EXTRA_CA_CERTS is trusted', async () => {
    process.env.NODE_EXTRA_CA_CERTS = certs.caFile;
    assert.deepEqual(await ask(), ['return a + b']);
  });
});
