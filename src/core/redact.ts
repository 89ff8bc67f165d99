// Keeps API keys and other secrets out of every message the extension shows or logs.

const MASK = '***';
// Secrets shorter than this are not real keys (e.g. a placeholder "x"); scrubbing them would garble every message.
const MIN_SECRET_LENGTH = 3;
// OpenAI-style keys (sk-…, sk-proj-…), including the partially starred form OpenAI echoes back in 401 messages.
const SK_TOKEN = /\bsk-[A-Za-z0-9_*\-]{6,}/g;
// Anything presented as a bearer credential, whatever its format.
const BEARER = /\b(Bearer\s+)[^\s"',;]+/gi;

function maskToken(token: string): string {
  // Keep "sk-ab" so the user can tell which key was meant, as in OpenAI's own masked echo.
  return token.startsWith('sk-') ? token.slice(0, 5) + MASK : MASK;
}

/** Removes every occurrence of each secret, any `sk-…` token and any bearer credential from `text`. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  // Longest first, so a secret containing another one is masked whole.
  const list = secrets
    .filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  for (const secret of list) {
    out = out.split(secret).join(maskToken(secret));
  }
  out = out.replace(SK_TOKEN, (m) => maskToken(m));
  out = out.replace(BEARER, (_m, prefix: string) => prefix + MASK);
  return out;
}
