// Reads VS Code's proxy settings and the environment into an undici dispatcher.

import * as vscode from 'vscode';
import { proxyAgentFor, proxyUrlFor } from '../openai/proxy';

export function proxyDispatcherFor(baseUrl: string): unknown {
  const http = vscode.workspace.getConfiguration('http');
  // "off" means the user wants direct connections whatever the environment says.
  if (http.get<string>('proxySupport') === 'off') return undefined;
  const strictSSL = http.get<boolean>('proxyStrictSSL', true);
  const proxyUrl = proxyUrlFor(baseUrl, {
    proxy: http.get<string>('proxy', ''),
    strictSSL,
    noProxy: http.get<string[]>('noProxy', []),
    env: process.env,
  });
  return proxyUrl ? proxyAgentFor(proxyUrl, strictSSL) : undefined;
}
