// The limits of each setting, in one table that both the validator (settings.ts) and the test
// against package.json's `contributes.configuration` read, so the Settings UI and what the
// engine accepts cannot drift apart.

import type { ProviderKind } from './ports';

export type MultilineMode = 'auto' | 'always' | 'never';
export type UseSuffixMode = 'auto' | 'always' | 'never';

export interface NumberBounds {
  min: number;
  max: number;
  integer: boolean;
}

/** Numeric settings by their key below `ghostComplete.`. */
export const NUMBER_BOUNDS = {
  maxTokens: { min: 1, max: 32768, integer: true },
  temperature: { min: 0, max: 2, integer: false },
  debounceMs: { min: 0, max: 5000, integer: true },
  contextTokens: { min: 256, max: 1_000_000, integer: true },
  suffixShare: { min: 0, max: 0.9, integer: false },
  // Each alternative is billed as a whole answer: more than 5 is cost, not choice.
  alternatives: { min: 1, max: 5, integer: true },
  'timeouts.connectMs': { min: 100, max: 120_000, integer: true },
  'timeouts.firstByteMs': { min: 100, max: 300_000, integer: true },
  'timeouts.idleMs': { min: 100, max: 300_000, integer: true },
  // Beyond three quarters the file's own text would be squeezed out by other files.
  'context.share': { min: 0, max: 0.75, integer: false },
} as const satisfies Record<string, NumberBounds>;

/** Settings with a fixed set of values. */
export const CHOICES = {
  provider: ['openai', 'azure', 'openai-compatible'] as readonly ProviderKind[],
  multiline: ['auto', 'always', 'never'] as readonly MultilineMode[],
  useSuffix: ['auto', 'always', 'never'] as readonly UseSuffixMode[],
};

/** Where a setting key lands in CompletionSettings, where the two differ. */
export const SETTING_FIELD: Readonly<Record<string, string>> = {
  'openai.organization': 'organization',
  'openai.project': 'project',
  'azure.deployment': 'azureDeployment',
  'azure.apiVersion': 'azureApiVersion',
  'tls.caFiles': 'tlsCaFiles',
};
