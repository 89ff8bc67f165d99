import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, resolveSettings } from '../../../src/core/settings';

function resolve(raw: Record<string, unknown>) {
  return resolveSettings((key) => raw[key]);
}

describe('resolveSettings', () => {
  it('gives the documented defaults when nothing is set', () => {
    const { settings, problems } = resolve({});
    assert.deepEqual(problems, []);
    assert.equal(settings.model, 'gpt-3.5-turbo-instruct');
    assert.equal(settings.baseUrl, 'https://api.openai.com/v1');
    assert.equal(settings.enable, true);
    assert.ok(settings.maxTokens > 16, 'max_tokens must beat the API default of 16');
  });

  it('keeps valid user values', () => {
    const { settings, problems } = resolve({
      maxTokens: 64,
      temperature: 0.7,
      stop: ['\n\n'],
      baseUrl: 'http://127.0.0.1:8080/v1',
      provider: 'openai-compatible',
      multiline: 'never',
      'timeouts.idleMs': 2500,
    });
    assert.deepEqual(problems, []);
    assert.equal(settings.maxTokens, 64);
    assert.equal(settings.temperature, 0.7);
    assert.deepEqual(settings.stop, ['\n\n']);
    assert.equal(settings.baseUrl, 'http://127.0.0.1:8080/v1');
    assert.equal(settings.provider, 'openai-compatible');
    assert.equal(settings.multiline, 'never');
    assert.equal(settings.timeouts.idleMs, 2500);
  });

  const invalid: Array<[string, unknown, keyof typeof DEFAULT_SETTINGS]> = [
    ['maxTokens', -5, 'maxTokens'],
    ['maxTokens', 1.5, 'maxTokens'],
    ['maxTokens', '100', 'maxTokens'],
    ['temperature', 3, 'temperature'],
    ['baseUrl', 'not a url', 'baseUrl'],
    ['baseUrl', 'ftp://example.com/v1', 'baseUrl'],
    ['stop', 'STOP', 'stop'],
    ['stop', ['ok', ''], 'stop'],
    ['provider', 'anthropic', 'provider'],
    ['multiline', 'sometimes', 'multiline'],
    ['enable', 'yes', 'enable'],
    ['debounceMs', -1, 'debounceMs'],
  ];
  for (const [key, value, field] of invalid) {
    it(`falls back to the default and names the problem for ${key}=${JSON.stringify(value)}`, () => {
      const { settings, problems } = resolve({ [key]: value });
      assert.deepEqual(settings[field], DEFAULT_SETTINGS[field]);
      assert.equal(problems.length, 1);
      assert.match(problems[0], new RegExp(`ghostComplete\\.${key}`));
    });
  }

  it('accepts more than 4 stop sequences (the extra ones are enforced client-side)', () => {
    const stop = ['a', 'b', 'c', 'd', 'e', 'f'];
    const { settings, problems } = resolve({ stop });
    assert.deepEqual(problems, []);
    assert.deepEqual(settings.stop, stop);
  });

  it('warns when Azure is chosen without a deployment', () => {
    const { problems } = resolve({ provider: 'azure' });
    assert.equal(problems.length, 1);
    assert.match(problems[0], /azure\.deployment/);
  });
});
