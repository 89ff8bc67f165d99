// What to tell the user when a server's certificate is refused. A company's TLS-inspecting proxy
// or an in-house server with its own CA is the common case, and it has a fix the user can apply,
// so the message names it instead of a bare OpenSSL code.

/** OpenSSL's verification codes that mean "issued by a CA this machine does not trust". */
const UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

export const CA_FIX =
  "If your organisation uses its own certificate authority, add its PEM file to the setting ghostComplete.tls.caFiles (or NODE_EXTRA_CA_CERTS); VS Code's http.systemCertificates adds the system's store.";

/** The sentence for a refused certificate of `host` (host[:port]); `address` is where that name was set. */
export function tlsFailureMessage(host: string, code: string, address = 'the base URL'): string {
  if (UNTRUSTED.has(code)) return `The certificate of ${host} is not trusted (${code}). ${CA_FIX}`;
  if (code === 'CERT_HAS_EXPIRED') return `The certificate of ${host} has expired (${code}).`;
  if (code === 'CERT_NOT_YET_VALID') return `The certificate of ${host} is not valid yet (${code}); check this machine's clock.`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `The certificate of ${host} is for another host name (${code}); check ${address}.`;
  return `The TLS certificate of ${host} was not accepted (${code}).`;
}
