// Which certificate authorities a TLS connection trusts, as VS Code does for its own requests:
// Node's built-in roots, the operating system's store (`http.systemCertificates`), the PEM file
// in NODE_EXTRA_CA_CERTS, and the files of `ghostComplete.tls.caFiles`. undici's own connections
// are not covered by VS Code's patching of Node's https module, so the list is passed explicitly.

import * as fs from 'node:fs';
import * as tls from 'node:tls';

export interface TrustOptions {
  /** VS Code's `http.systemCertificates` (default true). */
  systemCertificates: boolean;
  /** PEM files to trust in addition. */
  caFiles: readonly string[];
  /** false turns certificate checks off (VS Code's `http.proxyStrictSSL: false`). */
  strictSSL: boolean;
  env: Record<string, string | undefined>;
}

export interface TlsTrust {
  /** Identifies the settings and files behind this trust, for caching connection pools. */
  key: string;
  /** Every trusted CA certificate (PEM), or undefined for Node's defaults. */
  ca?: string[];
  rejectUnauthorized: boolean;
  /** Files that could not be read or held no certificate, worded for the user. */
  problems: string[];
}

/** Debian/Ubuntu, Fedora/RHEL, openSUSE, Alpine: where the OS keeps its bundle when Node cannot ask. */
const LINUX_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/ssl/cert.pem',
];

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

let cached: TlsTrust | undefined;

/**
 * The trust for these options. Cached by the options and the files' modification times, so a
 * replaced CA file is read again, but a request does not read files otherwise.
 */
export function tlsTrustFor(options: TrustOptions): TlsTrust {
  const extra = options.env.NODE_EXTRA_CA_CERTS?.trim();
  const files = [...(extra ? [extra] : []), ...options.caFiles];
  const key = JSON.stringify([options.systemCertificates, options.strictSSL, files.map((f) => [f, modified(f)])]);
  if (cached?.key !== key) cached = build(key, options, files, extra);
  return cached;
}

function build(key: string, options: TrustOptions, files: string[], extra: string | undefined): TlsTrust {
  const rejectUnauthorized = options.strictSSL;
  const problems: string[] = [];
  const fromFiles: string[] = [];
  for (const file of files) {
    const source = file === extra ? 'NODE_EXTRA_CA_CERTS' : 'ghostComplete.tls.caFiles';
    try {
      const found = fs.readFileSync(file, 'utf8').match(PEM_BLOCK) ?? [];
      if (found.length === 0) problems.push(`${source}: ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`);
      fromFiles.push(...found);
    } catch (err) {
      problems.push(`${source}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
    }
  }
  const system = options.systemCertificates ? systemCertificates() : [];
  if (system.length === 0 && fromFiles.length === 0) return { key, rejectUnauthorized, problems };
  // An explicit `ca` replaces Node's defaults, so the built-in roots go in too.
  const ca = [...new Set([...tls.rootCertificates, ...system, ...fromFiles])];
  return { key, ca, rejectUnauthorized, problems };
}

/**
 * The operating system's trusted CAs. Node 22.15+/23.10+ asks the OS itself (Windows store,
 * macOS keychain, OpenSSL's directory on Linux); older Node can only read a Linux bundle file.
 */
export function systemCertificates(): string[] {
  const ask = (tls as { getCACertificates?: (type: 'system') => string[] }).getCACertificates;
  if (typeof ask === 'function') {
    try {
      return ask('system');
    } catch {
      // Fall through to the bundle files.
    }
  }
  if (process.platform !== 'linux') return [];
  for (const bundle of LINUX_BUNDLES) {
    try {
      return fs.readFileSync(bundle, 'utf8').match(PEM_BLOCK) ?? [];
    } catch {
      // Not this distribution's path.
    }
  }
  return [];
}

function modified(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}
