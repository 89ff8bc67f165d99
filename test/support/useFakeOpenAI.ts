// Mocha hooks for client tests: a fresh loopback fake server for each test of the calling
// `describe`, and the client's pooled connections closed once its tests are done.

import { closeAgents } from '../../src/openai/transport';
import { startFakeOpenAI, type FakeOpenAI } from './fakeOpenAI';

/** Call inside a `describe`; `onStart` receives each test's server. */
export function useFakeOpenAI(onStart: (server: FakeOpenAI) => void): void {
  let current: FakeOpenAI | undefined;
  beforeEach(async () => {
    current = await startFakeOpenAI();
    onStart(current);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  after(async () => {
    await closeAgents();
  });
}
