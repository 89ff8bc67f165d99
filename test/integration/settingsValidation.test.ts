// Invalid settings never break suggestions: each falls back to its default, is reported once,
// and what reaches the server shows it. Also useSuffix: 'never'.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  type GhostCompleteApi,
  captureMessages,
  endOf,
  insertTextOf,
  provide,
  setEditorSetting,
  setSetting,
  waitFor,
  useFakeServer,
  openAddFunction,
} from './support/helpers';

const KEY = 'sk-test-settings-0a1b2c3d4e5f';

suite('Ghost Complete: invalid settings fall back to their defaults', () => {
  const fixture = useFakeServer(KEY);
  const server = fixture.server;
  let api: GhostCompleteApi;
  let captured: ReturnType<typeof captureMessages>;

  const warningsAbout = (setting: string) =>
    captured.messages.filter((m) => m.kind === 'showWarningMessage' && m.text.includes(`ghostComplete.${setting}`));

  suiteSetup(() => {
    api = fixture.api();
  });

  setup(async () => {
    captured = captureMessages();
  });

  teardown(async () => {
    captured.restore();
  });

  test('maxTokens: -5 sends the default max_tokens (128) and warns once', async () => {
    // Control: a valid value is what is sent.
    await setSetting('maxTokens', 64);
    let doc = await openAddFunction();
    await provide(api, doc, endOf(doc));
    assert.equal(server.completions.at(-1)?.body.max_tokens, 64);

    await setSetting('maxTokens', -5);
    doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'def sub(a, b):\n    ' });
    const items = await provide(api, doc, endOf(doc));
    assert.equal(items.length, 1, 'no suggestion with an invalid maxTokens');
    assert.equal(server.completions.length, 2);
    assert.equal(server.completions.at(-1)?.body.max_tokens, 128);
    const warnings = warningsAbout('maxTokens');
    assert.equal(warnings.length, 1, `warnings: ${JSON.stringify(captured.messages)}`);
    assert.match(warnings[0]!.text, /128/);

    // Reported once, not on every keystroke.
    doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'def mul(a, b):\n    ' });
    await provide(api, doc, endOf(doc));
    assert.equal(server.completions.at(-1)?.body.max_tokens, 128);
    assert.equal(warningsAbout('maxTokens').length, 1, 'the same problem was reported twice');
  });

  test('stop with 6 entries: the first 4 are sent, the others still end the suggestion', async () => {
    const stops = ['\n#A', '\n#B', '\n#C', '\n#D', '\n#E', '\nEND_OF_IT'];
    await setSetting('stop', stops);
    server.response = { text: 'return a + b\nEND_OF_IT\nprint("never shown")', chunkSize: 3 };
    const doc = await openAddFunction();
    const items = await provide(api, doc, endOf(doc));
    const request = server.completions.at(-1);
    assert.ok(request, 'no request');
    assert.ok(Array.isArray(request.body.stop), `stop sent: ${JSON.stringify(request.body.stop)}`);
    assert.ok(request.body.stop.length <= 4, `more than 4 stop sequences sent: ${JSON.stringify(request.body.stop)}`);
    assert.deepEqual(request.body.stop, stops.slice(0, 4), 'the user\'s first four stops are not what was sent');
    assert.deepEqual(items.map(insertTextOf), ['return a + b'], 'the 6th stop sequence was not enforced while streaming');
  });

  test('baseUrl "not a url" falls back to https://api.openai.com/v1 and warns (seen through a local proxy; nothing leaves the machine)', async function () {
    // Where would the request go? With http.proxy pointing at the fake server, the extension
    // asks it for a CONNECT tunnel to the target host, which the fake server records and refuses.
    const noProxy = `${process.env.NO_PROXY ?? ''},${process.env.no_proxy ?? ''}`;
    if (/\*|openai|\.com/i.test(noProxy)) this.skip();
    await setEditorSetting('http', 'proxy', server.origin);
    // First prove that the proxy is honoured, with a host that cannot resolve anyway (.invalid).
    await setSetting('baseUrl', 'https://ghost-complete-test.invalid/v1');
    let doc = await openAddFunction();
    assert.deepEqual(await provide(api, doc, endOf(doc), { timeoutMs: 8_000 }), []);
    assert.deepEqual(server.tunnels.map((t) => t.path), ['ghost-complete-test.invalid:443'], 'the proxy setting is not honoured: not testing further');

    await setSetting('baseUrl', 'not a url');
    doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'def sub(a, b):\n    ' });
    const items = await provide(api, doc, endOf(doc), { timeoutMs: 8_000 });
    assert.deepEqual(items, []);
    assert.deepEqual(server.tunnels.map((t) => t.path), ['ghost-complete-test.invalid:443', 'api.openai.com:443']);
    assert.equal(server.completions.length, 0, 'a completion reached the fake server itself');
    const warnings = warningsAbout('baseUrl');
    assert.equal(warnings.length, 1, `warnings: ${JSON.stringify(captured.messages)}`);
    assert.match(warnings[0]!.text, /https:\/\/api\.openai\.com\/v1/);
    // The refused tunnel is an ordinary error; the extension keeps working.
    const status = await waitFor('status error', () => (api.status().state === 'error' ? api.status() : undefined));
    assert.match(status.message ?? '', /api\.openai\.com/);
  });

  test('useSuffix: never sends no suffix (auto sends the text after the cursor)', async () => {
    const content = 'def add(a, b):\n    \n\nprint(add(1, 2))\n';
    let doc = await vscode.workspace.openTextDocument({ language: 'python', content });
    await provide(api, doc, new vscode.Position(1, 4));
    assert.match(String(server.completions.at(-1)?.body.suffix), /print\(add\(1, 2\)\)/, 'control: auto did not send the suffix');

    await setSetting('useSuffix', 'never');
    doc = await vscode.workspace.openTextDocument({ language: 'python', content: content.replace('add', 'plus') });
    const items = await provide(api, doc, new vscode.Position(1, 4));
    assert.equal(items.length, 1);
    assert.equal(server.completions.length, 2);
    const body = server.completions.at(-1)!.body;
    assert.ok(!('suffix' in body), `suffix sent with useSuffix: never: ${JSON.stringify(body.suffix)}`);
    assert.ok(String(body.prompt).endsWith('def plus(a, b):\n    '));
  });
});
