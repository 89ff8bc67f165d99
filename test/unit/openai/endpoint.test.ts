import * as assert from 'node:assert/strict';
import {
  completionsEndpoint,
  completionsUrl,
  isLoopbackHost,
  modelsUrl,
} from '../../../src/openai/endpoint';
import { CompletionError } from '../../../src/core/completionError';
import type { EndpointConfig } from '../../../src/core/ports';

const timeouts = { connectMs: 1000, firstByteMs: 1000, idleMs: 1000 };
const openai: EndpointConfig = { provider: 'openai', baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-test-1234567890', timeouts };

function throwsKind(fn: () => unknown, kind: string): CompletionError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof CompletionError, `expected CompletionError, got ${String(err)}`);
    assert.equal(err.kind, kind);
    return err;
  }
  assert.fail(`expected a ${kind} error`);
}

describe('endpoint', () => {
  it('OpenAI: {baseUrl}/completions with a Bearer key, trailing slashes trimmed', () => {
    const t = completionsEndpoint({ ...openai, baseUrl: 'https://api.openai.com/v1//' });
    assert.equal(t.url.href, 'https://api.openai.com/v1/completions');
    assert.equal(t.headers['authorization'], 'Bearer sk-test-1234567890');
    assert.equal(t.headers['content-type'], 'application/json');
    assert.equal(t.headers['accept'], 'text/event-stream');
    assert.equal(t.label, 'OpenAI');
    assert.equal(modelsUrl(openai), 'https://api.openai.com/v1/models');
  });

  it('OpenAI: organization and project headers only when set', () => {
    assert.ok(!('openai-organization' in completionsEndpoint(openai).headers));
    const t = completionsEndpoint({ ...openai, organization: 'org-1', project: 'proj_2' });
    assert.equal(t.headers['openai-organization'], 'org-1');
    assert.equal(t.headers['openai-project'], 'proj_2');
  });

  it('Azure: deployment URL with api-version and an api-key header, no Authorization', () => {
    const cfg: EndpointConfig = {
      provider: 'azure',
      baseUrl: 'https://myres.openai.azure.com/',
      apiKey: '0123456789abcdef0123456789abcdef',
      azureDeployment: 'my instruct',
      azureApiVersion: '2024-06-01',
      timeouts,
    };
    const t = completionsEndpoint(cfg);
    assert.equal(t.url.href, 'https://myres.openai.azure.com/openai/deployments/my%20instruct/completions?api-version=2024-06-01');
    assert.equal(t.headers['api-key'], '0123456789abcdef0123456789abcdef');
    assert.ok(!('authorization' in t.headers));
    assert.equal(modelsUrl(cfg), 'https://myres.openai.azure.com/openai/models?api-version=2024-06-01');
    // Pasted with /openai already on it: same URL.
    assert.equal(completionsUrl({ ...cfg, baseUrl: 'https://myres.openai.azure.com/openai' }), t.url.href);
  });

  it('Azure without a deployment is a config error, not a request to a wrong URL', () => {
    throwsKind(() => completionsEndpoint({ provider: 'azure', baseUrl: 'https://x.openai.azure.com', apiKey: 'k123', timeouts }), 'invalid-config');
  });

  it('openai-compatible without a key sends no Authorization header at all', () => {
    const t = completionsEndpoint({ provider: 'openai-compatible', baseUrl: 'http://192.168.1.20:8080/v1', timeouts });
    assert.ok(!('authorization' in t.headers));
    assert.ok(!('api-key' in t.headers));
    assert.equal(t.label, 'The server at 192.168.1.20:8080');
    // Empty or blank key: same.
    assert.ok(!('authorization' in completionsEndpoint({ provider: 'openai-compatible', baseUrl: 'http://h/v1', apiKey: '  ', timeouts }).headers));
  });

  it('refuses to send a key over http to a non-loopback host (insecure-url)', () => {
    const err = throwsKind(() => completionsEndpoint({ ...openai, baseUrl: 'http://example.com/v1' }), 'insecure-url');
    assert.match(err.message, /example\.com/);
    assert.doesNotMatch(err.message, /sk-test-1234567890/);
    throwsKind(() => modelsUrl({ ...openai, baseUrl: 'http://10.0.0.5:8000/v1' }), 'insecure-url');
  });

  it('allows a key over http to loopback and over https anywhere', () => {
    for (const baseUrl of ['http://127.0.0.1:8080/v1', 'http://localhost:11434/v1', 'http://[::1]:8000/v1', 'https://example.com/v1']) {
      assert.equal(completionsEndpoint({ ...openai, baseUrl }).headers['authorization'], 'Bearer sk-test-1234567890', baseUrl);
    }
  });

  it('isLoopbackHost: localhost, 127.0.0.0/8, ::1 only', () => {
    for (const h of ['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '[::ffff:7f00:1]']) assert.ok(isLoopbackHost(h), h);
    for (const h of ['example.com', '10.0.0.1', '0.0.0.0', '128.0.0.1', 'localhost.example.com', '127.0.0.1.nip.io', '::2', '']) {
      assert.ok(!isLoopbackHost(h), h);
    }
  });

  it('merges custom headers in lower case; they cannot replace the key or the protocol headers', () => {
    const t = completionsEndpoint({ ...openai, headers: { 'X-Team': 'blue', Authorization: 'Bearer other', Accept: 'text/html', Host: 'evil' } });
    assert.equal(t.headers['x-team'], 'blue');
    assert.equal(t.headers['authorization'], 'Bearer sk-test-1234567890');
    assert.equal(t.headers['accept'], 'text/event-stream');
    assert.ok(!('host' in t.headers));
    assert.ok(!('Authorization' in t.headers));
  });

  it('a custom header with a line break is a config error naming the header, not its value', () => {
    const err = throwsKind(() => completionsEndpoint({ ...openai, headers: { 'x-token': 'abc\r\nX-Evil: 1' } }), 'invalid-config');
    assert.match(err.message, /x-token/);
    assert.doesNotMatch(err.message, /abc/);
  });

  it('rejects malformed and non-http base URLs as config errors', () => {
    throwsKind(() => completionsEndpoint({ ...openai, baseUrl: 'api.openai.com/v1' }), 'invalid-config');
    throwsKind(() => completionsEndpoint({ ...openai, baseUrl: 'ftp://example.com' }), 'invalid-config');
    const err = throwsKind(() => completionsEndpoint({ ...openai, baseUrl: 'https://user:hunter2@example.com/v1' }), 'invalid-config');
    assert.doesNotMatch(err.message, /hunter2/);
  });
});
