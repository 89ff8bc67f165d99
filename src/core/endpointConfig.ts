// Maps settings and the stored key to the client's endpoint description.

import type { EndpointConfig } from './ports';
import type { CompletionSettings } from './settings';

export function endpointFor(settings: CompletionSettings, apiKey: string | undefined, dispatcher?: unknown): EndpointConfig {
  const config: EndpointConfig = {
    provider: settings.provider,
    baseUrl: settings.baseUrl,
    timeouts: settings.timeouts,
    headers: settings.headers,
  };
  if (apiKey) config.apiKey = apiKey;
  if (dispatcher) config.dispatcher = dispatcher;
  if (settings.provider === 'azure') {
    config.azureDeployment = settings.azureDeployment;
    config.azureApiVersion = settings.azureApiVersion;
  }
  if (settings.provider === 'openai') {
    if (settings.organization) config.organization = settings.organization;
    if (settings.project) config.project = settings.project;
  }
  return config;
}

/** OpenAI and Azure refuse requests without a key; local servers usually need none. */
export function needsApiKey(settings: CompletionSettings): boolean {
  return settings.provider !== 'openai-compatible';
}
