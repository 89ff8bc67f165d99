import * as assert from 'node:assert/strict';
import { bypassesProxy } from '../../../src/openai/noProxy';

describe('bypassesProxy (NO_PROXY)', () => {
  const cases: [noProxy: string | string[] | undefined, target: string, expected: boolean][] = [
    [undefined, 'https://api.openai.com/v1', false],
    ['', 'https://api.openai.com/v1', false],
    [' , ,', 'https://api.openai.com/v1', false],
    // `*`, alone or in a list
    ['*', 'https://api.openai.com/v1', true],
    ['internal.corp, *', 'https://api.openai.com/v1', true],
    // exact host and every subdomain, not a mere textual suffix
    ['openai.com', 'https://openai.com/v1', true],
    ['openai.com', 'https://api.openai.com/v1', true],
    ['openai.com', 'https://notopenai.com/v1', false],
    ['openai.com', 'https://openai.com.evil.net/v1', false],
    ['api.openai.com', 'https://openai.com/v1', false],
    // leading `.` or `*.`: the domain and its subdomains (curl ignores the leading dot)
    ['.openai.com', 'https://api.openai.com/v1', true],
    ['.openai.com', 'https://openai.com/v1', true],
    ['*.openai.com', 'https://api.openai.com/v1', true],
    ['*.openai.com', 'https://a.b.openai.com/v1', true],
    ['*.openai.com', 'https://xopenai.com/v1', false],
    // case-insensitive, trailing dots ignored
    ['API.OpenAI.COM', 'https://api.openai.com/v1', true],
    ['api.openai.com', 'https://API.OPENAI.COM/v1', true],
    ['api.openai.com.', 'https://api.openai.com/v1', true],
    ['api.openai.com', 'https://api.openai.com./v1', true],
    // optional :port, compared with the target's effective port
    ['api.openai.com:443', 'https://api.openai.com/v1', true],
    ['api.openai.com:8443', 'https://api.openai.com/v1', false],
    ['api.openai.com:8443', 'https://api.openai.com:8443/v1', true],
    ['example.com:80', 'http://example.com/v1', true],
    ['example.com:80', 'https://example.com/v1', false],
    ['.example.com:8080', 'http://gw.example.com:8080', true],
    // separators: commas and/or white space
    ['a.com b.com', 'https://b.com', true],
    ['a.com,\tb.com ,, c.com\n d.com', 'https://d.com', true],
    ['a.com,\tb.com ,, c.com\n d.com', 'https://e.com', false],
    [['a.com', 'b.com c.com'], 'https://c.com', true],
    // localhost and loopback are proxied unless listed (curl); names are text, not resolved
    ['example.com', 'http://localhost:8080/v1', false],
    ['example.com', 'http://127.0.0.1:8080/v1', false],
    ['example.com', 'http://[::1]:8080/v1', false],
    ['localhost', 'http://localhost:8080/v1', true],
    ['localhost', 'http://127.0.0.1:8080/v1', false],
    ['127.0.0.1', 'http://localhost:8080/v1', false],
    ['127.0.0.1', 'http://127.0.0.1:8080/v1', true],
    ['127.0.0.1', 'http://127.0.0.2:8080/v1', false],
    ['127.0.0.1:8080', 'http://127.0.0.1:8080/v1', true],
    ['127.0.0.1:9090', 'http://127.0.0.1:8080/v1', false],
    // IP entries match IP targets only as addresses, never as a textual suffix
    ['0.0.1', 'http://127.0.0.1:8080/v1', false],
    // CIDR ranges
    ['127.0.0.0/8', 'http://127.9.8.7/v1', true],
    ['10.0.0.0/8, 192.168.0.0/16', 'http://192.168.1.20:11434/v1', true],
    ['10.0.0.0/8', 'http://11.0.0.1/v1', false],
    ['10.0.0.0/99', 'http://10.0.0.1/v1', false],
    // IPv6: bare, in brackets, with a port, as a range, in any spelling
    ['::1', 'http://[::1]:8080/v1', true],
    ['[::1]', 'http://[::1]:8080/v1', true],
    ['[::1]:8080', 'http://[::1]:8080/v1', true],
    ['[::1]:9090', 'http://[::1]:8080/v1', false],
    ['0:0:0:0:0:0:0:1', 'http://[::1]/v1', true],
    ['[FE80::1]', 'http://[fe80::1]/v1', true],
    ['fe80::/10', 'http://[fe80::abcd]/v1', true],
    ['[fe80::]/10', 'http://[fe80::abcd]/v1', true],
    ['fe80::/10', 'http://[2001:db8::1]/v1', false],
    ['::1', 'http://127.0.0.1/v1', false],
    // garbage entries are ignored, not fatal
    ['[::1, api.openai.com', 'https://api.openai.com/v1', true],
    ['host:notaport, api.openai.com', 'https://api.openai.com/v1', true],
  ];
  for (const [noProxy, target, expected] of cases) {
    it(`${JSON.stringify(noProxy)} ${expected ? 'exempts' : 'does not exempt'} ${target}`, () => {
      assert.equal(bypassesProxy(new URL(target), noProxy), expected);
      assert.equal(bypassesProxy(target, noProxy), expected);
    });
  }

  it('does not throw on a target that is not a URL', () => {
    assert.equal(bypassesProxy('not a url', '*.example.com'), false);
  });
});
