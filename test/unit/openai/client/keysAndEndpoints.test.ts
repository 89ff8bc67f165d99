// Where the key goes for each kind of server, and how connections to one endpoint are reused.

import * as assert from 'node:assert/strict';
import { Agent, type Dispatcher } from 'undici';
import { streamCompletion } from '../../../../src/openai/client';
import { sleep, streamChunks } from '../../../support/fakeOpenAI';
import { KEY, REQ, run, failure, useClientServer } from './harness';

describe('streamCompletion', () => {
  const { server, config } = useClientServer();

  describe('keys and endpoints', () => {
    it('openai: sends the key as Bearer', async () => {
      await run(streamCompletion(REQ, config({ provider: 'openai' })));
      assert.equal(server().requests[0]!.headers['authorization'], `Bearer ${KEY}`);
      assert.equal(server().requests[0]!.headers['api-key'], undefined);
    });

    it('azure: api-key header, deployment URL with api-version, no model in the body', async () => {
      await run(
        streamCompletion(REQ, config({ provider: 'azure', baseUrl: server().origin, azureDeployment: 'instruct-dep', azureApiVersion: '2024-10-21' })),
      );
      const r = server().requests[0]!;
      assert.equal(r.path, '/openai/deployments/instruct-dep/completions');
      assert.deepEqual(r.query, { 'api-version': '2024-10-21' });
      assert.equal(r.headers['api-key'], KEY);
      assert.equal(r.headers['authorization'], undefined);
      assert.ok(!('model' in r.body));
    });

    it('openai-compatible without a key: no Authorization header at all', async () => {
      await run(streamCompletion(REQ, config({ apiKey: undefined })));
      assert.ok(!('authorization' in server().requests[0]!.headers));
      assert.ok(!('api-key' in server().requests[0]!.headers));
    });

    it('refuses to send the key over http to a non-loopback host, before any network I/O', async () => {
      let dispatched = 0;
      const spy = { dispatch: () => ((dispatched += 1), true) } as unknown as Dispatcher;
      const err = await failure(
        streamCompletion(REQ, config({ provider: 'openai', baseUrl: 'http://completions.invalid/v1', dispatcher: spy })),
        'insecure-url',
      );
      assert.match(err.message, /completions\.invalid/);
      assert.equal(dispatched, 0);
    });

    it('sends the key over http to 127.0.0.1 and to localhost', async () => {
      await run(streamCompletion(REQ, config({ provider: 'openai', baseUrl: `http://localhost:${server().port}/v1` })));
      await run(streamCompletion(REQ, config({ provider: 'openai', baseUrl: `http://127.0.0.1:${server().port}/v1` })));
      assert.equal(server().requestCount, 2);
      for (const r of server().requests) assert.equal(r.headers['authorization'], `Bearer ${KEY}`);
    });

    it('uses config.dispatcher when given (e.g. a proxy agent)', async () => {
      let dispatched = 0;
      class CountingAgent extends Agent {
        override dispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
          dispatched++;
          return super.dispatch(opts, handler);
        }
      }
      const agent = new CountingAgent();
      try {
        assert.equal((await run(streamCompletion(REQ, config({ dispatcher: agent })))).texts[0], 'Hello, world!');
        assert.equal(dispatched, 1);
      } finally {
        await agent.close();
      }
    });

    it('reuses the connection for the next completion after a clean [DONE]', async () => {
      const ports: number[] = [];
      server().setHandler((ctx) => {
        ports.push(ctx.req.socket.remotePort ?? -1);
        return streamChunks(ctx, { choices: [['x']] });
      });
      await run(streamCompletion(REQ, config()));
      await sleep(30);
      await run(streamCompletion(REQ, config()));
      assert.equal(ports.length, 2);
      assert.equal(ports[0], ports[1], 'same client socket');
      assert.equal(server().disconnects, 0);
    });
  });
});
