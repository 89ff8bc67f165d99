// Reads VS Code's network settings (proxy, proxy authorization, strict SSL, system certificates)
// and ghostComplete.tls.caFiles into the undici dispatcher a request goes through.

import * as vscode from 'vscode';
import type { CompletionSettings } from '../core/settings';
import { directAgentFor } from '../openai/directAgent';
import { proxyAgentFor, proxyUrlFor } from '../openai/proxy';
import { tlsTrustFor } from '../openai/tlsTrust';

/**
 * The dispatcher for requests with `settings`; undefined for the transport's default. Unreadable
 * CA files go to `onProblem` on every call: it tells the user once (SettingsReader.report).
 */
export function dispatcherFor(settings: CompletionSettings, onProblem: (message: string) => void): unknown {
  const http = vscode.workspace.getConfiguration('http');
  // As in VS Code: false turns certificate checks off for every request, proxied or not.
  const strictSSL = http.get<boolean>('proxyStrictSSL', true);
  const trust = tlsTrustFor({
    systemCertificates: http.get<boolean>('systemCertificates', true),
    caFiles: settings.tlsCaFiles,
    strictSSL,
    env: process.env,
  });
  trust.problems.forEach(onProblem);
  // "off" means the user wants direct connections whatever the environment says.
  const proxyUrl =
    http.get<string>('proxySupport') === 'off'
      ? undefined
      : proxyUrlFor(settings.baseUrl, {
          proxy: http.get<string>('proxy', ''),
          strictSSL,
          noProxy: http.get<string[]>('noProxy', []),
          env: process.env,
        });
  if (!proxyUrl) return directAgentFor(trust, settings.timeouts.connectMs);
  const authorization = http.get<string | null>('proxyAuthorization') ?? undefined;
  return proxyAgentFor(proxyUrl, strictSSL, { ca: trust.ca, trustKey: trust.key, authorization });
}
