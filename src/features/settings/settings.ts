// The user's settings, kept in localStorage. Pure parsing and clamping (tested in Node): a
// stored value from an older version, or edited by hand, never breaks the app; anything
// unreadable falls back to its default.
import type { LanguagePreference } from '../../i18n/locale';
import { DEFAULT_THRESHOLDS, type TrackOptions } from '../../shared/defaults';

export type Resolution = 'sd' | 'hd' | 'fhd';

export interface Settings {
  /**
   * The score threshold for models without one of their own (0.05 … 0.99). Left at its default
   * (0.5), each model starts from its measured operating point instead (see scoreThresholdFor);
   * a value set by an older version, when not the default, still wins: it was the user's.
   */
  scoreThreshold: number;
  /** The user's own score threshold per model id: the settings slider writes here. */
  modelScoreThresholds: Record<string, number>;
  /** NMS overlap threshold (0.1 … 0.9) */
  iouThreshold: number;
  /** most boxes per frame (1 … 100) */
  maxDetections: number;
  /**
   * Per model id, the labels to draw; a model missing here shows all of them. A display
   * choice only: `ssd:detections` still reports everything the detector found.
   */
  shownLabels: Record<string, string[]>;
  /** camera resolution asked for (ideal, not exact) */
  resolution: Resolution;
  /** show the front camera like a mirror */
  mirrorFront: boolean;
  language: LanguagePreference;
  /** the HUD shows all its rows and the chart; null: only where the screen is large */
  hudOpen: boolean | null;
  /** follow objects across frames: ids on boxes, steadier boxes, counts */
  tracking: boolean;
  /** tracking: detections before an object is shown (and counted) */
  trackMinHits: number;
  /** tracking: detector frames a missed object is kept (drawn dashed) before it is dropped */
  trackMaxMisses: number;
  /** tracking: weaker detections down to this score keep known objects (never start one) */
  trackLowScore: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  scoreThreshold: DEFAULT_THRESHOLDS.scoreThreshold,
  modelScoreThresholds: {},
  iouThreshold: DEFAULT_THRESHOLDS.iouThreshold,
  maxDetections: DEFAULT_THRESHOLDS.maxDetections,
  shownLabels: {},
  resolution: 'sd',
  mirrorFront: true,
  language: 'auto',
  hudOpen: null,
  tracking: false,
  trackMinHits: 3,
  trackMaxMisses: 15,
  trackLowScore: 0.1,
});

export const RESOLUTIONS: Record<Resolution, { width: number; height: number }> = {
  sd: { width: 640, height: 480 },
  hd: { width: 1280, height: 720 },
  fhd: { width: 1920, height: 1080 },
};

export const LIMITS = {
  scoreThreshold: { min: 0.05, max: 0.99, step: 0.01 },
  iouThreshold: { min: 0.1, max: 0.9, step: 0.05 },
  maxDetections: { min: 1, max: 100, step: 1 },
  trackMinHits: { min: 1, max: 10, step: 1 },
  trackMaxMisses: { min: 1, max: 100, step: 1 },
  trackLowScore: { min: 0.05, max: 0.5, step: 0.05 },
} as const;

export const STORAGE_KEY = 'ssd-cam:settings';

function clampNumber(value: unknown, limits: { min: number; max: number; step: number }, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return fallback;
  const clamped = Math.min(limits.max, Math.max(limits.min, n));
  // to the step, without float noise (0.1 + 0.2)
  const decimals = Math.max(0, -Math.floor(Math.log10(limits.step)));
  return Number((Math.round(clamped / limits.step) * limits.step).toFixed(decimals));
}

/** Settings from anything (parsed JSON, a partial change): unknown keys dropped, bad values defaulted. */
export function normalizeSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const has = (k: keyof Settings) => Object.prototype.hasOwnProperty.call(r, k);
  const shown: Record<string, string[]> = {};
  const rawShown = has('shownLabels') ? r.shownLabels : base.shownLabels;
  if (rawShown && typeof rawShown === 'object' && !Array.isArray(rawShown)) {
    for (const [model, labels] of Object.entries(rawShown as Record<string, unknown>)) {
      if (Array.isArray(labels)) shown[model] = [...new Set(labels.filter((l): l is string => typeof l === 'string'))];
    }
  }
  const own: Record<string, number> = {};
  const rawOwn = has('modelScoreThresholds') ? r.modelScoreThresholds : base.modelScoreThresholds;
  if (rawOwn && typeof rawOwn === 'object' && !Array.isArray(rawOwn)) {
    for (const [model, value] of Object.entries(rawOwn as Record<string, unknown>)) {
      const n = clampNumber(value, LIMITS.scoreThreshold, NaN);
      if (Number.isFinite(n)) own[model] = n;
    }
  }
  return {
    scoreThreshold: clampNumber(has('scoreThreshold') ? r.scoreThreshold : base.scoreThreshold, LIMITS.scoreThreshold, base.scoreThreshold),
    modelScoreThresholds: own,
    iouThreshold: clampNumber(has('iouThreshold') ? r.iouThreshold : base.iouThreshold, LIMITS.iouThreshold, base.iouThreshold),
    maxDetections: clampNumber(has('maxDetections') ? r.maxDetections : base.maxDetections, LIMITS.maxDetections, base.maxDetections),
    shownLabels: shown,
    resolution: has('resolution') && typeof r.resolution === 'string' && r.resolution in RESOLUTIONS ? (r.resolution as Resolution) : base.resolution,
    mirrorFront: has('mirrorFront') && typeof r.mirrorFront === 'boolean' ? r.mirrorFront : base.mirrorFront,
    language: has('language') && (r.language === 'auto' || r.language === 'en' || r.language === 'ja') ? r.language : base.language,
    hudOpen: has('hudOpen') && (typeof r.hudOpen === 'boolean' || r.hudOpen === null) ? r.hudOpen : base.hudOpen,
    tracking: has('tracking') && typeof r.tracking === 'boolean' ? r.tracking : base.tracking,
    trackMinHits: clampNumber(has('trackMinHits') ? r.trackMinHits : base.trackMinHits, LIMITS.trackMinHits, base.trackMinHits),
    trackMaxMisses: clampNumber(has('trackMaxMisses') ? r.trackMaxMisses : base.trackMaxMisses, LIMITS.trackMaxMisses, base.trackMaxMisses),
    trackLowScore: clampNumber(has('trackLowScore') ? r.trackLowScore : base.trackLowScore, LIMITS.trackLowScore, base.trackLowScore),
  };
}

export type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

export function browserStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage blocked (privacy settings, sandboxed frame)
  }
}

export function loadSettings(storage: StorageLike | null = browserStorage()): Settings {
  try {
    const text = storage?.getItem(STORAGE_KEY);
    return normalizeSettings(text ? JSON.parse(text) : {});
  } catch {
    return { ...DEFAULT_SETTINGS, shownLabels: {} };
  }
}

/** false when the browser refused to store (quota, private mode): the settings still apply. */
export function saveSettings(settings: Settings, storage: StorageLike | null = browserStorage()): boolean {
  try {
    if (!storage) return false;
    storage.setItem(STORAGE_KEY, JSON.stringify(settings));
    return true;
  } catch {
    return false;
  }
}

/** Whether detections of `label` are drawn for `modelId`. */
export function isLabelShown(settings: Settings, modelId: string, label: string): boolean {
  const shown = settings.shownLabels[modelId];
  return !shown || shown.includes(label);
}

/** Where a model's score threshold comes from, for the settings sheet to say. */
export type ThresholdSource = 'yours' | 'measured' | 'default';

/**
 * The score threshold a model runs at: the user's own for this model; else a global value
 * the user chose (an older version's setting); else the model's measured operating point
 * (its manifest's defaultScoreThreshold); else the global default. Never one number for all
 * models unless the user asks for it.
 */
export function scoreThresholdFor(s: Settings, modelId: string, measured?: number | null): { value: number; source: ThresholdSource } {
  const own = Object.prototype.hasOwnProperty.call(s.modelScoreThresholds, modelId) ? s.modelScoreThresholds[modelId] : undefined;
  if (own !== undefined) return { value: own, source: 'yours' };
  if (s.scoreThreshold !== DEFAULT_SETTINGS.scoreThreshold) return { value: s.scoreThreshold, source: 'yours' };
  if (typeof measured === 'number' && Number.isFinite(measured)) {
    return { value: clampNumber(measured, LIMITS.scoreThreshold, s.scoreThreshold), source: 'measured' };
  }
  return { value: s.scoreThreshold, source: 'default' };
}

/** The engine options these settings ask for, for one model. */
export function engineThresholds(
  s: Settings,
  modelId?: string,
  measured?: number | null,
): { scoreThreshold: number; iouThreshold: number; maxDetections: number; tracking: boolean; trackOptions: TrackOptions } {
  const score = modelId === undefined ? s.scoreThreshold : scoreThresholdFor(s, modelId, measured).value;
  return {
    scoreThreshold: score,
    iouThreshold: s.iouThreshold,
    maxDetections: s.maxDetections,
    tracking: s.tracking,
    trackOptions: { minHits: s.trackMinHits, maxMisses: s.trackMaxMisses, lowScore: s.trackLowScore },
  };
}
