// Activation, commands and settings of Ghost Complete in a real VS Code.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, config, resetSettings, setSetting } from './support/helpers';

suite('Ghost Complete: activation and contributions', () => {
  teardown(resetSettings);

  test('activates and returns its API (provider + status)', async () => {
    const api = await activateExtension();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.equal(typeof api.provider.provideInlineCompletionItems, 'function');
    assert.equal(typeof api.status, 'function');
    const status = api.status();
    assert.ok(
      ['idle', 'requesting', 'error', 'disabled', 'snoozed', 'noKey'].includes(status.state),
      `unexpected state ${JSON.stringify(status)}`,
    );
  });

  test('registers its three commands', async () => {
    await activateExtension();
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['ghostComplete.setApiKey', 'ghostComplete.clearApiKey', 'ghostComplete.completeSelection']) {
      assert.ok(commands.includes(id), `command ${id} is not registered`);
    }
  });

  test('contributes its settings with their defaults', () => {
    const c = config();
    const defaults: Record<string, unknown> = {
      enable: true,
      baseUrl: 'https://api.openai.com/v1',
      model: 'gpt-3.5-turbo-instruct',
      maxTokens: 128,
      temperature: 0.2,
      stop: [],
      debounceMs: 100,
    };
    for (const [key, value] of Object.entries(defaults)) {
      const inspected = c.inspect(key);
      assert.ok(inspected, `ghostComplete.${key} is not contributed`);
      assert.deepEqual(inspected.defaultValue, value, `default of ghostComplete.${key}`);
    }
    // Nothing else configured in the test profile: the effective values are the defaults.
    assert.equal(c.get('enable'), true);
    assert.equal(c.get('model'), 'gpt-3.5-turbo-instruct');
    assert.deepEqual(c.get('stop'), []);
  });

  test('a [python] override of ghostComplete.stop applies to python only', async () => {
    await setSetting('stop', ['\nclass '], 'python');
    assert.deepEqual(config('python').get('stop'), ['\nclass ']);
    assert.deepEqual(config('python').inspect('stop')?.globalLanguageValue, ['\nclass ']);
    assert.deepEqual(config('javascript').get('stop'), []);
    assert.deepEqual(config().get('stop'), []);
  });

  test('ghostComplete.enable can be turned off for one language', async () => {
    await setSetting('enable', false, 'markdown');
    assert.equal(config('markdown').get('enable'), false);
    assert.equal(config('python').get('enable'), true);
  });

  test('ghostComplete.baseUrl is an application-scoped setting written to user settings', async () => {
    await setSetting('baseUrl', 'http://127.0.0.1:9/v1');
    const inspected = config().inspect<string>('baseUrl');
    assert.equal(inspected?.globalValue, 'http://127.0.0.1:9/v1');
    assert.equal(config().get('baseUrl'), 'http://127.0.0.1:9/v1');
  });
});
