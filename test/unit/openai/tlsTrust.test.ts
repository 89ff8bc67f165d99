// A server whose certificate comes from a CA of its own (a company's, say), on loopback: refused
// with a message that names the fix, accepted once that CA is trusted through the setting or
// NODE_EXTRA_CA_CERTS, and accepted without checks under http.proxyStrictSSL: false.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { CompletionError } from '../../../src/core/completionError';
import type { CompletionRequest } from '../../../src/core/ports';
import { streamCompletion } from '../../../src/openai/client';
import { closeDirectAgents, directAgentFor } from '../../../src/openai/directAgent';
import { systemCertificates, tlsTrustFor, type TrustOptions } from '../../../src/openai/tlsTrust';
import { closeAgents } from '../../../src/openai/transport';
import { fakeEndpoint, startFakeOpenAI, type FakeOpenAI } from '../../support/fakeOpenAI';
import { makeTestCertificates, type TestCertificates } from '../../support/testCertificates';

const REQ: CompletionRequest = { model: 'm', prompt: 'def f():\n', maxTokens: 16 };
const STRICT: TrustOptions = { systemCertificates: false, caFiles: [], strictSSL: true, env: {} };

describe('TLS trust', () => {
  let certs: TestCertificates;
  let server: FakeOpenAI;

  before(async () => {
    certs = makeTestCertificates();
    server = await startFakeOpenAI(undefined, { tls: { key: certs.key, cert: certs.cert } });
  });
  after(async () => {
    await server.close();
    await closeDirectAgents();
    await closeAgents();
    certs.remove();
  });

  async function complete(options: TrustOptions): Promise<string> {
    const dispatcher = directAgentFor(tlsTrustFor(options), 2000);
    let text = '';
    for await (const ev of streamCompletion(REQ, fakeEndpoint(server, '', { dispatcher }))) {
      if (ev.type === 'delta') text += ev.text;
    }
    return text;
  }

  it('refuses an untrusted server with a message that names the setting to fix it', async () => {
    const err = await complete(STRICT).then(
      () => assert.fail('the untrusted server was accepted'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof CompletionError);
    assert.equal(err.kind, 'network');
    assert.match(err.message, /^The certificate of 127\.0\.0\.1:\d+ is not trusted \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN)\)/);
    assert.match(err.message, /ghostComplete\.tls\.caFiles/);
  });

  it('trusts a CA named in ghostComplete.tls.caFiles, next to the public roots', async () => {
    assert.ok((await complete({ ...STRICT, caFiles: [certs.caFile] })).length > 0);
    const trust = tlsTrustFor({ ...STRICT, caFiles: [certs.caFile] });
    assert.ok(trust.ca?.includes(tls.rootCertificates[0]!), 'the built-in roots were dropped');
  });

  it('trusts the CA in NODE_EXTRA_CA_CERTS', async () => {
    assert.ok((await complete({ ...STRICT, env: { NODE_EXTRA_CA_CERTS: certs.caFile } })).length > 0);
  });

  it('accepts any certificate when strict SSL is off, as VS Code does', async () => {
    assert.ok((await complete({ ...STRICT, strictSSL: false })).length > 0);
  });

  it('reports files it cannot use, naming where they came from', () => {
    const notPem = path.join(certs.dir, 'server.ext');
    const trust = tlsTrustFor({ ...STRICT, caFiles: [path.join(certs.dir, 'missing.pem'), notPem] });
    assert.equal(trust.problems.length, 2);
    assert.match(trust.problems[0]!, /^ghostComplete\.tls\.caFiles: cannot read .*missing\.pem \(ENOENT\)\.$/);
    assert.match(trust.problems[1]!, /holds no PEM certificate/);
  });

  it('reads a CA file again after it changed, not on every request', () => {
    const file = path.join(certs.dir, 'rotating.pem');
    fs.writeFileSync(file, certs.caPem);
    const first = tlsTrustFor({ ...STRICT, caFiles: [file] });
    assert.equal(tlsTrustFor({ ...STRICT, caFiles: [file] }), first);
    fs.writeFileSync(file, certs.caPem + certs.cert);
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    assert.notEqual(tlsTrustFor({ ...STRICT, caFiles: [file] }), first);
  });

  it("takes the operating system's store (asked from Node, or Debian's bundle file)", () => {
    assert.ok(systemCertificates().length > 10, 'no system certificates found');
  });
});
