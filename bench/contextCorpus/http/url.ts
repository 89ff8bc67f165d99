export type Query = Record<string, string | number | boolean | undefined>;

export function buildQuery(params: Query): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export function joinPath(base: string, ...segments: string[]): string {
  const trimmed = segments.map((s) => s.replace(/^\/+|\/+$/g, '')).filter(Boolean);
  return [base.replace(/\/+$/, ''), ...trimmed].join('/');
}

export function isAbsoluteUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
}
