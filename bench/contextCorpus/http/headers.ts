export interface AuthConfig {
  token?: string;
  apiKeyHeader?: string;
  apiKey?: string;
}

export function authHeaders(auth: AuthConfig): Record<string, string> {
  if (auth.token) return { Authorization: `Bearer ${auth.token}` };
  if (auth.apiKey) return { [auth.apiKeyHeader ?? 'x-api-key']: auth.apiKey };
  return {};
}

export function mergeHeaders(...sets: Array<Record<string, string> | undefined>): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const set of sets) {
    for (const [name, value] of Object.entries(set ?? {})) merged[name.toLowerCase()] = value;
  }
  return merged;
}

export const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json' };
