import { authHeaders, mergeHeaders, JSON_HEADERS, type AuthConfig } from './headers';
import { backoffDelay, shouldRetry, sleep, DEFAULT_RETRY, type RetryPolicy } from './retry';
import { buildQuery, joinPath, isAbsoluteUrl, type Query } from './url';

export class HttpError extends Error {
  constructor(readonly status: number, readonly body: string) {
    super(`HTTP ${status}`);
  }
}

export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly auth: AuthConfig = {},
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  urlFor(path: string, query: Query = {}): string {
    const url = isAbsoluteUrl(path) ? path : joinPath(this.baseUrl, path);
    return url + buildQuery(query);
  }

  async getJson<T>(path: string, query: Query = {}): Promise<T> {
    const response = await this.send('GET', this.urlFor(path, query));
    return (await response.json()) as T;
  }

  async postJson<T>(path: string, body: unknown): Promise<T> {
    const response = await this.send('POST', this.urlFor(path), JSON.stringify(body));
    return (await response.json()) as T;
  }

  private async send(method: string, url: string, body?: string): Promise<Response> {
    const headers = mergeHeaders(JSON_HEADERS, authHeaders(this.auth));
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(url, { method, headers, body });
      if (response.ok) return response;
      if (!shouldRetry(this.retry, response.status, attempt)) throw new HttpError(response.status, await response.text());
      await sleep(backoffDelay(this.retry, attempt));
    }
  }
}
