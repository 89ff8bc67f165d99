import * as assert from 'node:assert/strict';
import { proxyUrlFor, type ProxyOptions } from '../../../src/openai/proxyChoice';

describe('proxyUrlFor', () => {
  const HTTPS = 'https://api.openai.com/v1';
  const HTTP = 'http://127.0.0.1:8080/v1';
  const cases: [name: string, target: string, options: ProxyOptions, expected: string | undefined][] = [
    ['nothing configured: direct', HTTPS, {}, undefined],
    ['nothing configured, env given: direct', HTTPS, { env: {} }, undefined],
    ['http.proxy alone', HTTPS, { proxy: 'http://setting:1' }, 'http://setting:1'],
    ['http.proxy wins over the environment', HTTPS, { proxy: 'http://setting:1', env: { HTTPS_PROXY: 'http://env:2', https_proxy: 'http://env:3', ALL_PROXY: 'http://env:4' } }, 'http://setting:1'],
    ['http.proxy applies to http targets too', HTTP, { proxy: 'http://setting:1', env: { http_proxy: 'http://env:2' } }, 'http://setting:1'],
    ['blank http.proxy means the environment', HTTPS, { proxy: '   ', env: { HTTPS_PROXY: 'http://env:2' } }, 'http://env:2'],
    ['http.proxy is trimmed', HTTPS, { proxy: '  http://setting:1/  ' }, 'http://setting:1'],
    // https targets: https_proxy, HTTPS_PROXY, all_proxy, ALL_PROXY
    ['https: https_proxy before HTTPS_PROXY', HTTPS, { env: { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' } }, 'http://lower:1'],
    ['https: HTTPS_PROXY', HTTPS, { env: { HTTPS_PROXY: 'http://upper:2', ALL_PROXY: 'http://all:3' } }, 'http://upper:2'],
    ['https: HTTPS_PROXY before all_proxy', HTTPS, { env: { HTTPS_PROXY: 'http://upper:2', all_proxy: 'http://all:3' } }, 'http://upper:2'],
    ['https: all_proxy before ALL_PROXY', HTTPS, { env: { all_proxy: 'http://all:3', ALL_PROXY: 'http://ALL:4' } }, 'http://all:3'],
    ['https: ALL_PROXY', HTTPS, { env: { ALL_PROXY: 'http://ALL:4' } }, 'http://all:4'],
    ['https: HTTP_PROXY is not for https (curl)', HTTPS, { env: { HTTP_PROXY: 'http://h:1', http_proxy: 'http://h:2' } }, undefined],
    ['https: HTTP_PROXY is not for https, ALL_PROXY is', HTTPS, { env: { HTTP_PROXY: 'http://h:1', ALL_PROXY: 'http://all:4' } }, 'http://all:4'],
    ['https: an empty https_proxy counts as unset', HTTPS, { env: { https_proxy: '', HTTPS_PROXY: 'http://upper:2' } }, 'http://upper:2'],
    // http targets: http_proxy, HTTP_PROXY, all_proxy, ALL_PROXY
    ['http: http_proxy before HTTP_PROXY', HTTP, { env: { http_proxy: 'http://lower:1', HTTP_PROXY: 'http://upper:2' } }, 'http://lower:1'],
    ['http: HTTP_PROXY', HTTP, { env: { HTTP_PROXY: 'http://upper:2', ALL_PROXY: 'http://all:3' } }, 'http://upper:2'],
    ['http: HTTPS_PROXY is not for http', HTTP, { env: { HTTPS_PROXY: 'http://s:1', https_proxy: 'http://s:2' } }, undefined],
    ['http: ALL_PROXY', HTTP, { env: { HTTPS_PROXY: 'http://s:1', ALL_PROXY: 'http://all:3' } }, 'http://all:3'],
    // NO_PROXY, also over http.proxy; loopback is proxied unless listed
    ['loopback target is proxied when not listed', HTTP, { env: { http_proxy: 'http://p:1' } }, 'http://p:1'],
    ['NO_PROXY exempts', HTTPS, { env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: '.openai.com' } }, undefined],
    ['no_proxy exempts', HTTPS, { env: { HTTPS_PROXY: 'http://p:1', no_proxy: 'api.openai.com' } }, undefined],
    ['no_proxy before NO_PROXY', HTTPS, { env: { HTTPS_PROXY: 'http://p:1', no_proxy: 'other.com', NO_PROXY: 'openai.com' } }, 'http://p:1'],
    ['NO_PROXY exempts from http.proxy too', HTTP, { proxy: 'http://setting:1', env: { NO_PROXY: '127.0.0.1' } }, undefined],
    ['NO_PROXY=* exempts everything', HTTPS, { proxy: 'http://setting:1', env: { NO_PROXY: '*' } }, undefined],
    ['NO_PROXY for another host', HTTPS, { env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'localhost,127.0.0.1' } }, 'http://p:1'],
    ['noProxy option (settings) exempts', HTTPS, { proxy: 'http://setting:1', noProxy: ['*.openai.com'] }, undefined],
    ['noProxy option adds to NO_PROXY', HTTP, { proxy: 'http://setting:1', noProxy: 'example.com', env: { NO_PROXY: '127.0.0.1' } }, undefined],
    // proxy URL forms
    ['no scheme means http://', HTTPS, { env: { HTTPS_PROXY: 'proxy.corp:3128' } }, 'http://proxy.corp:3128'],
    ['no scheme, with credentials', HTTPS, { env: { HTTPS_PROXY: 'bob:pw@proxy.corp:3128' } }, 'http://bob:pw@proxy.corp:3128'],
    ['https:// proxy', HTTPS, { proxy: 'https://proxy.corp:8443' }, 'https://proxy.corp:8443'],
    ['credentials are kept for the agent', HTTPS, { proxy: 'http://bob:s3cr%40t@proxy.corp:3128/' }, 'http://bob:s3cr%40t@proxy.corp:3128'],
    ['default port is dropped', HTTPS, { proxy: 'http://proxy.corp:80' }, 'http://proxy.corp'],
    ['an unusable proxy is returned as written (reported per request)', HTTPS, { proxy: 'http://proxy.corp:99999' }, 'http://proxy.corp:99999'],
    ['an unsupported scheme is returned as written', HTTPS, { env: { ALL_PROXY: 'socks5://127.0.0.1:1080' } }, 'socks5://127.0.0.1:1080'],
    // targets the endpoint code will reject: no proxy decision, no throw
    ['target that is not a URL', 'not a url', { proxy: 'http://setting:1' }, undefined],
    ['target that is not http(s)', 'ftp://example.com', { proxy: 'http://setting:1' }, undefined],
  ];
  for (const [name, target, options, expected] of cases) {
    it(name, () => {
      assert.equal(proxyUrlFor(target, options), expected);
    });
  }
});
