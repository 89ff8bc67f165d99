// VS Code's `http.proxyAuthorization`: sent to the proxy as the Proxy-Authorization header, in
// place of credentials in the proxy URL, never to the server and never in a message.

import * as assert from 'node:assert/strict';
import type { CompletionRequest } from '../../../src/core/ports';
import { streamCompletion } from '../../../src/openai/client';
import { proxyAgentFor } from '../../../src/openai/proxy';
import { fakeEndpoint, type FakeOpenAI } from '../../support/fakeOpenAI';
import { basic, type TestProxy } from './connectProxy';
import { useServerBehindProxy } from './useServerBehindProxy';
import { streamedText as collect } from '../../support/streamAssertions';

const REQ: CompletionRequest = { model: 'm', prompt: 'x = ', maxTokens: 8 };
const EXPECTED = basic('corp\\ann', 's3cret-proxy-pass');

describe('http.proxyAuthorization', () => {
  let server: FakeOpenAI;
  let proxy: TestProxy;

  useServerBehindProxy((started, startedProxy) => ((server = started), (proxy = startedProxy)), { requireAuth: EXPECTED });

  it('is the Proxy-Authorization the proxy gets, and wins over credentials in the URL', async () => {
    const url = `http://someone:else@127.0.0.1:${proxy.port}`;
    const dispatcher = proxyAgentFor(url, true, { authorization: EXPECTED });
    assert.ok((await collect(streamCompletion(REQ, fakeEndpoint(server, '', { dispatcher })))).length > 0);
    assert.equal(proxy.connects[0]!.proxyAuthorization, EXPECTED);
    assert.equal(server.requests[0]!.headers['proxy-authorization'], undefined);
  });

  it('a rejected value is reported without the value', async () => {
    const wrong = basic('corp\\ann', 'not-the-password');
    const dispatcher = proxyAgentFor(proxy.url, true, { authorization: wrong });
    const err = await collect(streamCompletion(REQ, fakeEndpoint(server, '', { dispatcher }))).then(
      () => assert.fail('the proxy accepted wrong credentials'),
      (e: unknown) => e as Error,
    );
    assert.match(err.message, /407/);
    assert.doesNotMatch(`${err.message} ${err.stack ?? ''}`, new RegExp(wrong.split(' ')[1]!));
  });
});
