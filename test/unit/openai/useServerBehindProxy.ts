// Mocha hooks for proxy tests: a fresh loopback fake server and CONNECT proxy for each test of
// the calling `describe`, and afterwards the client's pooled connections (direct and through
// proxies) closed before both go away.

import { closeProxyAgents } from '../../../src/openai/proxy';
import { closeAgents } from '../../../src/openai/transport';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fakeOpenAI';
import { startConnectProxy, type ProxyBehaviour, type TestProxy } from './connectProxy';

/** Call inside a `describe`; `onStart` receives each test's server and proxy. */
export function useServerBehindProxy(onStart: (server: FakeOpenAI, proxy: TestProxy) => void, behaviour: ProxyBehaviour = {}): void {
  let server: FakeOpenAI | undefined;
  let proxy: TestProxy | undefined;
  beforeEach(async () => {
    server = await startFakeOpenAI();
    proxy = await startConnectProxy(behaviour);
    onStart(server, proxy);
  });
  afterEach(async () => {
    await closeProxyAgents();
    await closeAgents();
    await proxy?.close();
    await server?.close();
    server = proxy = undefined;
  });
}
