// Reading aids, kept on this device (the settings for new attempts are the teacher's, kept by the service). What is stored is
// checked field by field on load: a damaged or old value falls back to its default alone.

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const TYPEFACES = ['hyperlegible', 'system'] as const;
export type Typeface = (typeof TYPEFACES)[number];

export interface Preferences {
  fontSize: number;
  lineSpacing: number;
  theme: Theme;
  typeface: Typeface;
}

export const FONT_SIZES = { min: 14, max: 26, step: 1 } as const;
export const LINE_SPACINGS = { min: 1.3, max: 2.2, step: 0.1 } as const;

export const DEFAULT_PREFERENCES: Preferences = {
  fontSize: 17,
  lineSpacing: 1.6,
  theme: 'system',
  typeface: 'hyperlegible',
};

const KEY = 'evident.preferences';

function inRange(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

function oneOf<T extends string>(value: unknown, options: readonly T[]): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}

export function parsePreferences(stored: unknown): Preferences {
  const p = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const d = DEFAULT_PREFERENCES;
  return {
    fontSize: inRange(p['fontSize'], FONT_SIZES.min, FONT_SIZES.max) ? Math.round(p['fontSize']) : d.fontSize,
    lineSpacing: inRange(p['lineSpacing'], LINE_SPACINGS.min, LINE_SPACINGS.max) ? Math.round(p['lineSpacing'] * 10) / 10 : d.lineSpacing,
    theme: oneOf(p['theme'], THEMES) ? p['theme'] : d.theme,
    typeface: oneOf(p['typeface'], TYPEFACES) ? p['typeface'] : d.typeface,
  };
}

export class PreferenceStore {
  #storage: Storage;
  #value = $state<Preferences>(DEFAULT_PREFERENCES);

  constructor(storage: Storage) {
    this.#storage = storage;
    let stored: unknown = null;
    try {
      stored = JSON.parse(storage.getItem(KEY) ?? 'null');
    } catch {
      // unreadable: the defaults stand
    }
    this.#value = parsePreferences(stored);
  }

  get value(): Preferences {
    return this.#value;
  }

  update(change: Partial<Preferences>): void {
    this.#value = parsePreferences({ ...this.#value, ...change });
    this.#storage.setItem(KEY, JSON.stringify(this.#value));
  }

  /** Applies the reading aids to the page: the theme attribute and two CSS variables. */
  applyTo(root: HTMLElement): void {
    root.dataset['theme'] = this.#value.theme;
    root.dataset['typeface'] = this.#value.typeface;
    root.style.setProperty('--font-size', `${this.#value.fontSize}px`);
    root.style.setProperty('--line-height', String(this.#value.lineSpacing));
  }
}
