// What the enable/disable commands write, decided from the user's current settings: the
// settings a user would write by hand. A language override only where the language must differ
// from the global switch, never one that repeats it (a stacked `"[python]": {enable: true}`
// would keep Python on after a global Disable).

/** `ghostComplete.enable` as the user's settings hold it (undefined = not set). */
export interface EnableSettings {
  /** The global value (the user's, else the default). */
  global: boolean;
  /** Language overrides present in the user's settings. */
  overrides: Readonly<Record<string, boolean>>;
}

/** A write: `value` undefined removes the setting. */
export interface EnableWrite {
  languageId?: string;
  value: boolean | undefined;
}

export const ENABLE_DEFAULT = true;

/** Whether completions run for a language under these settings. */
export function enabledFor(settings: EnableSettings, languageId: string | undefined): boolean {
  const override = languageId === undefined ? undefined : settings.overrides[languageId];
  return override ?? settings.global;
}

/** The writes that switch completions on or off everywhere (no languageId) or for one language. */
export function planEnable(settings: EnableSettings, enabled: boolean, languageId?: string): EnableWrite[] {
  if (languageId !== undefined) {
    const current = settings.overrides[languageId];
    const wanted = enabled === settings.global ? undefined : enabled;
    return current === wanted ? [] : [{ languageId, value: wanted }];
  }
  const writes: EnableWrite[] = [];
  const globalValue = enabled === ENABLE_DEFAULT ? undefined : enabled;
  if (settings.global !== enabled || globalValue === undefined) writes.push({ value: globalValue });
  for (const [id, value] of Object.entries(settings.overrides)) {
    // Overrides that now repeat the global value are noise. On Disable, overrides that keep a
    // language on go too: "Disable Ghost Complete" means off everywhere. On Enable, a language
    // the user switched off stays off.
    if (value === enabled || !enabled) writes.push({ languageId: id, value: undefined });
  }
  return writes;
}
