// The URL half of the public automation surface (docs/ARCHITECTURE.md, README "URL parameters"): `?model=<id>&backend=<...>
// &camera=<user|environment>&autostart=1`, `?bench=...` and `?eval=...`. Pure so it can be tested in Node; the list of model
// ids is passed in, which keeps this file free of the engine's catalogue.
import type { FacingMode } from '../camera/open-camera';
import type { BackendRequest } from '../shared/protocol';

export type { FacingMode };

export const BACKEND_REQUESTS: readonly BackendRequest[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];
export const FACING_MODES: readonly FacingMode[] = ['user', 'environment'];

export interface AppParams {
  model: string;
  backend: BackendRequest;
  camera: FacingMode;
  autostart: boolean;
  /** `debug=1`: exposes window.ssdCam.injectFault for recovery tests and demos. */
  debug: boolean;
  /** `track=1`: follow objects across frames (ids on boxes and in ssd:detections) */
  track: boolean;
  /** `line=x1,y1,x2,y2` (0-1 of the frame): a counting line; turns tracking on */
  line: { x1: number; y1: number; x2: number; y2: number } | null;
  /** `bench=<id,id>&backends=<...>&frames=<N>[&profile=1][&sustained=<s>]` (bundled or imported
   * model ids): run a comparison at
   * once; profile: also one frame kernel by kernel per pair; sustained: then 10..3600 s back to
   * back per pair, reported per 10-second window */
  bench: { models: string[]; backends: BackendRequest[]; frames: number; profile?: boolean; sustainedS?: number } | null;
  /** `eval=<id,id>&backends=<...>&dataset=<folder>&limit=<N>`: run an accuracy evaluation at
   * once on the labelled set in `dataset` (a same-origin folder holding instances.json and
   * images/; always ends with '/') */
  eval: EvalParams | null;
}

export interface EvalParams {
  models: string[];
  backends: BackendRequest[];
  dataset: string;
  /** the first N images of the set only (null: all) */
  limit: number | null;
}

/** A parameter that was present but not understood, and the value used instead. */
export interface ParamProblem {
  param: keyof AppParams | 'backends' | 'frames' | 'dataset' | 'limit' | 'sustained';
  value: string;
  used: string;
}

export interface ParseResult {
  params: AppParams;
  problems: ParamProblem[];
}

export interface ParamDefaults {
  modelIds: readonly string[];
  defaultModelId: string;
  /** Front camera by default: the first model is a face detector, and laptops only have one. */
  defaultCamera?: FacingMode;
  /** ids outside `modelIds` that `bench=` and `eval=` take too: the models imported into this
   * browser (`user-...`), which only the run itself can find or report missing */
  isImportedId?: (id: string) => boolean;
}

const TRUE_VALUES = ['1', 'true', 'yes', ''];
const FALSE_VALUES = ['0', 'false', 'no'];

export function parseUrlParams(search: string | URLSearchParams, defaults: ParamDefaults): ParseResult {
  const q = typeof search === 'string' ? new URLSearchParams(search) : search;
  const problems: ParamProblem[] = [];
  const params: AppParams = {
    model: defaults.defaultModelId,
    backend: 'auto',
    camera: defaults.defaultCamera ?? 'user',
    autostart: false,
    debug: false,
    track: false,
    line: null,
    bench: null,
    eval: null,
  };

  // Values are matched case-insensitively for the enums (people type "WASM"), but model ids
  // exactly, because they are ids.
  const model = q.get('model');
  if (model !== null) {
    if (defaults.modelIds.includes(model)) params.model = model;
    else problems.push({ param: 'model', value: model, used: params.model });
  }

  const backend = q.get('backend');
  if (backend !== null) {
    const b = backend.trim().toLowerCase();
    if ((BACKEND_REQUESTS as readonly string[]).includes(b)) params.backend = b as BackendRequest;
    else problems.push({ param: 'backend', value: backend, used: params.backend });
  }

  const camera = q.get('camera');
  if (camera !== null) {
    const c = camera.trim().toLowerCase();
    // 'front'/'back' are what people say; accept them as the obvious aliases.
    const alias = new Map<string, FacingMode>([['front', 'user'], ['back', 'environment'], ['rear', 'environment']]);
    const mode = (FACING_MODES as readonly string[]).includes(c) ? (c as FacingMode) : alias.get(c);
    if (mode) params.camera = mode;
    else problems.push({ param: 'camera', value: camera, used: params.camera });
  }

  // The model and backend lists of ?bench= and ?eval=: unknown entries are left out and reported.
  const modelsAndBackends = (param: 'bench' | 'eval', list: string) => {
    const models = list.split(',').map((m) => m.trim()).filter(Boolean);
    const unknown = models.filter((m) => !defaults.modelIds.includes(m) && !defaults.isImportedId?.(m));
    for (const m of unknown) problems.push({ param, value: m, used: 'left out' });
    const backends = (q.get('backends') ?? 'auto').split(',').map((b) => b.trim().toLowerCase()).filter(Boolean);
    const badBackends = backends.filter((b) => !BACKEND_REQUESTS.includes(b as BackendRequest));
    for (const b of badBackends) problems.push({ param: 'backends', value: b, used: 'left out' });
    return {
      models: models.filter((m) => !unknown.includes(m)),
      backends: backends.filter((b) => !badBackends.includes(b)) as BackendRequest[],
    };
  };

  const bench = q.get('bench');
  if (bench !== null) {
    const { models: good, backends: goodBackends } = modelsAndBackends('bench', bench);
    const frames = Number(q.get('frames') ?? 20);
    if (!(Number.isInteger(frames) && frames >= 1 && frames <= 1000)) problems.push({ param: 'frames', value: String(q.get('frames')), used: '20' });
    if (good.length > 0 && goodBackends.length > 0) {
      params.bench = { models: good, backends: goodBackends, frames: Number.isInteger(frames) && frames >= 1 && frames <= 1000 ? frames : 20 };
      if (q.get('profile') === '1') params.bench.profile = true;
      const sustained = q.get('sustained');
      if (sustained !== null) {
        const n = Number(sustained);
        if (Number.isInteger(n) && n >= 10 && n <= 3600) params.bench.sustainedS = n;
        else problems.push({ param: 'sustained', value: sustained, used: 'none: no sustained run' });
      }
    }
  }

  const evaluate = q.get('eval');
  if (evaluate !== null) {
    const { models, backends } = modelsAndBackends('eval', evaluate);
    const dataset = sameOriginFolder(q.get('dataset'));
    if (dataset === null) problems.push({ param: 'dataset', value: String(q.get('dataset')), used: 'none: no evaluation' });
    const limitText = q.get('limit');
    const limit = limitText === null ? null : Number(limitText);
    const limitOk = limit === null || (Number.isInteger(limit) && limit >= 1);
    if (!limitOk) problems.push({ param: 'limit', value: String(limitText), used: 'all images' });
    if (models.length > 0 && backends.length > 0 && dataset !== null) {
      params.eval = { models, backends, dataset, limit: limitOk ? limit : null };
    }
  }
  const debug = q.get('debug');
  params.debug = debug !== null && TRUE_VALUES.includes(debug.trim().toLowerCase());
  const autostart = q.get('autostart');
  if (autostart !== null) {
    const a = autostart.trim().toLowerCase();
    if (TRUE_VALUES.includes(a)) params.autostart = true;
    else if (FALSE_VALUES.includes(a)) params.autostart = false;
    else problems.push({ param: 'autostart', value: autostart, used: '0' });
  }
  const track = q.get('track');
  if (track !== null) {
    const t = track.trim().toLowerCase();
    if (TRUE_VALUES.includes(t)) params.track = true;
    else if (!FALSE_VALUES.includes(t)) problems.push({ param: 'track', value: track, used: '0' });
  }
  const line = q.get('line');
  if (line !== null) {
    const n = line.split(',').map((v) => Number(v.trim()));
    if (n.length === 4 && n.every((v) => Number.isFinite(v) && v >= 0 && v <= 1) && (n[0] !== n[2] || n[1] !== n[3])) {
      params.line = { x1: n[0], y1: n[1], x2: n[2], y2: n[3] };
      params.track = true;
    } else problems.push({ param: 'line', value: line, used: 'none' });
  }

  return { params, problems };
}

/**
 * A folder on this origin, as a path ending in '/': a path ('/sets/coco/', 'sets/coco'),
 * never a URL with a scheme or a host ('https://...', '//host/...'), so a link cannot make
 * the app fetch from elsewhere. Null when missing or not such a path.
 */
function sameOriginFolder(value: string | null): string | null {
  const v = value?.trim() ?? '';
  if (!v || /^[a-z][a-z0-9+.-]*:/i.test(v) || v.startsWith('//') || v.includes('\\')) return null;
  return v.endsWith('/') ? v : `${v}/`;
}

/**
 * The URL after the user changed a choice, so a reload or a shared link keeps it. Only the
 * keys given are touched; everything else in the query (bench parameters...) stays.
 */
export function withParams(href: string, changes: Partial<Omit<AppParams, 'autostart' | 'debug' | 'track' | 'line' | 'bench' | 'eval'>>): string {
  const url = new URL(href);
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}
