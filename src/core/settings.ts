// Validates raw setting values (as read from any configuration source) into the typed
// settings the engine uses. A malformed value never breaks completions: it falls back to
// its default and the problem is reported once so the user can fix it.

import type { ProviderKind } from './ports';
import { CHOICES, NUMBER_BOUNDS, type MultilineMode, type UseSuffixMode } from './settingsSchema';

export type { MultilineMode, UseSuffixMode } from './settingsSchema';

export interface CompletionSettings {
  enable: boolean;
  provider: ProviderKind;
  baseUrl: string;
  model: string;
  maxTokens: number;
  temperature: number;
  stop: string[];
  multiline: MultilineMode;
  debounceMs: number;
  contextTokens: number;
  /** Share of the prompt budget given to the text after the cursor. */
  suffixShare: number;
  /** Context window per model id, overriding the built-in table. */
  modelContextWindows: Record<string, number>;
  alternatives: number;
  useSuffix: UseSuffixMode;
  timeouts: { connectMs: number; firstByteMs: number; idleMs: number };
  headers: Record<string, string>;
  organization: string;
  project: string;
  azureDeployment: string;
  azureApiVersion: string;
  /** The user's own globs of files never sent, added to the built-in secret files (secretFiles.ts). */
  exclude: string[];
  prices: Record<string, { input: number; output: number }>;
  /** PEM files of extra certificate authorities to trust (a company's TLS-inspecting proxy or server). */
  tlsCaFiles: string[];
  /** What is put above the file's text besides it (core/context/). */
  context: ContextSettings;
}

export interface ContextSettings {
  enable: boolean;
  /** Similar windows of the other open editors. */
  openFiles: boolean;
  /** Definitions of the symbols near the cursor, where a language server answers in time. */
  definitions: boolean;
  /** Places edited lately in other files. */
  recentEdits: boolean;
  /** A first comment line with the file's path and language. */
  fileHeader: boolean;
  /** Most of the prompt budget the context may take (0..1); what it leaves goes to the file. */
  share: number;
}

export const DEFAULT_SETTINGS: Readonly<CompletionSettings> = Object.freeze({
  enable: true,
  provider: 'openai',
  baseUrl: 'https://api.openai.com/v1',
  model: 'gpt-3.5-turbo-instruct',
  maxTokens: 128,
  temperature: 0.2,
  stop: [],
  multiline: 'auto',
  debounceMs: 100,
  contextTokens: 4096,
  suffixShare: 0.25,
  modelContextWindows: {},
  alternatives: 3,
  useSuffix: 'auto',
  timeouts: { connectMs: 5000, firstByteMs: 15000, idleMs: 10000 },
  headers: {},
  organization: '',
  project: '',
  azureDeployment: '',
  azureApiVersion: '2024-10-21',
  exclude: [],
  prices: { 'gpt-3.5-turbo-instruct': { input: 1.5, output: 2.0 } },
  context: { enable: true, openFiles: true, definitions: true, recentEdits: true, fileHeader: true, share: 0.25 },
  tlsCaFiles: [],
}) as CompletionSettings;

/** Reads one raw value by its key below `ghostComplete.` (e.g. `timeouts.idleMs`). */
export type RawSettingReader = (key: string) => unknown;

export interface SettingsResult {
  settings: CompletionSettings;
  /** Human-readable problems, each naming the setting and the fallback used. */
  problems: string[];
}

export function resolveSettings(read: RawSettingReader): SettingsResult {
  const problems: string[] = [];
  const d = DEFAULT_SETTINGS;
  const bad = (key: string, why: string, fallback: unknown): void => {
    problems.push(`ghostComplete.${key} ${why}; using ${JSON.stringify(fallback)}.`);
  };

  const bool = (key: string, def: boolean): boolean => {
    const v = read(key);
    if (v === undefined || v === null) return def;
    if (typeof v === 'boolean') return v;
    bad(key, 'must be true or false', def);
    return def;
  };
  const num = (key: keyof typeof NUMBER_BOUNDS, def: number): number => {
    const { min, max, integer } = NUMBER_BOUNDS[key];
    const v = read(key);
    if (v === undefined || v === null) return def;
    if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
      bad(key, `must be ${integer ? 'a whole number' : 'a number'}`, def);
      return def;
    }
    if (v < min || v > max) {
      bad(key, `must be between ${min} and ${max}`, def);
      return def;
    }
    return v;
  };
  const str = (key: string, def: string, allowEmpty: boolean): string => {
    const v = read(key);
    if (v === undefined || v === null) return def;
    if (typeof v !== 'string' || (!allowEmpty && v.trim() === '')) {
      bad(key, 'must be a non-empty string', def);
      return def;
    }
    return v.trim();
  };
  const oneOf = <T extends string>(key: string, def: T, allowed: readonly T[]): T => {
    const v = read(key);
    if (v === undefined || v === null) return def;
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    bad(key, `must be one of ${allowed.join(', ')}`, def);
    return def;
  };
  const stringList = (key: string, def: string[]): string[] | undefined => {
    const v = read(key);
    if (v === undefined || v === null) return def;
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s === '')) {
      bad(key, 'must be a list of non-empty strings', def);
      return undefined;
    }
    return v as string[];
  };
  const stringMap = (key: string, def: Record<string, string>): Record<string, string> => {
    const v = read(key);
    if (v === undefined || v === null) return def;
    if (typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((s) => typeof s !== 'string')) {
      bad(key, 'must be an object of string values', def);
      return def;
    }
    return { ...(v as Record<string, string>) };
  };

  let baseUrl = str('baseUrl', d.baseUrl, false);
  if (!isHttpUrl(baseUrl)) {
    bad('baseUrl', 'is not an http(s) URL', d.baseUrl);
    baseUrl = d.baseUrl;
  }

  let stop = stringList('stop', d.stop) ?? d.stop;
  // More than the API's limit is accepted: the engine enforces the extra ones itself.
  // Absurd lists are a mistake, though, and would slow every streamed chunk.
  if (stop.length > 16) {
    bad('stop', 'has more than 16 entries', d.stop);
    stop = d.stop;
  }

  const windows = read('modelContextWindows');
  let modelContextWindows: Record<string, number> = {};
  if (windows !== undefined && windows !== null) {
    if (
      typeof windows === 'object' &&
      !Array.isArray(windows) &&
      Object.values(windows).every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 256)
    ) {
      modelContextWindows = { ...(windows as Record<string, number>) };
    } else {
      bad('modelContextWindows', 'must map model ids to token counts of at least 256', {});
    }
  }

  const pricesRaw = read('prices');
  let prices = d.prices;
  if (pricesRaw !== undefined && pricesRaw !== null) {
    if (
      typeof pricesRaw === 'object' &&
      !Array.isArray(pricesRaw) &&
      Object.values(pricesRaw).every(
        (p) =>
          typeof p === 'object' &&
          p !== null &&
          typeof (p as { input?: unknown }).input === 'number' &&
          typeof (p as { output?: unknown }).output === 'number',
      )
    ) {
      prices = { ...d.prices, ...(pricesRaw as CompletionSettings['prices']) };
    } else {
      bad('prices', 'must map model ids to {"input": dollars, "output": dollars} per million tokens', d.prices);
    }
  }

  const settings: CompletionSettings = {
    enable: bool('enable', d.enable),
    provider: oneOf<ProviderKind>('provider', d.provider, CHOICES.provider),
    baseUrl,
    model: str('model', d.model, false),
    maxTokens: num('maxTokens', d.maxTokens),
    temperature: num('temperature', d.temperature),
    stop,
    multiline: oneOf<MultilineMode>('multiline', d.multiline, CHOICES.multiline),
    debounceMs: num('debounceMs', d.debounceMs),
    contextTokens: num('contextTokens', d.contextTokens),
    suffixShare: num('suffixShare', d.suffixShare),
    modelContextWindows,
    alternatives: num('alternatives', d.alternatives),
    useSuffix: oneOf<UseSuffixMode>('useSuffix', d.useSuffix, CHOICES.useSuffix),
    timeouts: {
      connectMs: num('timeouts.connectMs', d.timeouts.connectMs),
      firstByteMs: num('timeouts.firstByteMs', d.timeouts.firstByteMs),
      idleMs: num('timeouts.idleMs', d.timeouts.idleMs),
    },
    headers: stringMap('headers', d.headers),
    organization: str('openai.organization', d.organization, true),
    project: str('openai.project', d.project, true),
    azureDeployment: str('azure.deployment', d.azureDeployment, true),
    azureApiVersion: str('azure.apiVersion', d.azureApiVersion, false),
    exclude: stringList('exclude', d.exclude) ?? d.exclude,
    prices,
    context: {
      enable: bool('context.enable', d.context.enable),
      openFiles: bool('context.openFiles', d.context.openFiles),
      definitions: bool('context.definitions', d.context.definitions),
      recentEdits: bool('context.recentEdits', d.context.recentEdits),
      fileHeader: bool('context.fileHeader', d.context.fileHeader),
      share: num('context.share', d.context.share),
    },
    tlsCaFiles: stringList('tls.caFiles', d.tlsCaFiles) ?? d.tlsCaFiles,
  };
  if (settings.provider === 'azure' && settings.azureDeployment === '') {
    problems.push('ghostComplete.azure.deployment is empty; Azure OpenAI needs the deployment name.');
  }
  return { settings, problems };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}
