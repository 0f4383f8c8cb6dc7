// The URL half of the public automation surface (DESIGN.md): `?model=<id>&backend=<...>
// &camera=<user|environment>&autostart=1`. Pure so it can be tested in Node; the list of model
// ids is passed in, which keeps this file free of the engine's catalogue.
import type { FacingMode } from '../camera/open-camera';
import type { BackendRequest } from '../engine/protocol';

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
  /** `bench=<id,id>&backends=<...>&frames=<N>`: run a comparison at once */
  bench: { models: string[]; backends: BackendRequest[]; frames: number } | null;
}

/** A parameter that was present but not understood, and the value used instead. */
export interface ParamProblem {
  param: keyof AppParams | 'backends' | 'frames';
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
    bench: null,
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

  const bench = q.get('bench');
  if (bench !== null) {
    const models = bench.split(',').map((m) => m.trim()).filter(Boolean);
    const unknown = models.filter((m) => !defaults.modelIds.includes(m));
    for (const m of unknown) problems.push({ param: 'bench', value: m, used: 'left out' });
    const backends = (q.get('backends') ?? 'auto').split(',').map((b) => b.trim().toLowerCase()).filter(Boolean);
    const badBackends = backends.filter((b) => !BACKEND_REQUESTS.includes(b as BackendRequest));
    for (const b of badBackends) problems.push({ param: 'backends', value: b, used: 'left out' });
    const frames = Number(q.get('frames') ?? 20);
    if (!(Number.isInteger(frames) && frames >= 1 && frames <= 1000)) problems.push({ param: 'frames', value: String(q.get('frames')), used: '20' });
    const good = models.filter((m) => !unknown.includes(m));
    const goodBackends = backends.filter((b) => !badBackends.includes(b)) as BackendRequest[];
    if (good.length > 0 && goodBackends.length > 0) {
      params.bench = { models: good, backends: goodBackends, frames: Number.isInteger(frames) && frames >= 1 && frames <= 1000 ? frames : 20 };
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

  return { params, problems };
}

/**
 * The URL after the user changed a choice, so a reload or a shared link keeps it. Only the
 * keys given are touched; everything else in the query (bench parameters...) stays.
 */
export function withParams(href: string, changes: Partial<Omit<AppParams, 'autostart' | 'debug' | 'bench'>>): string {
  const url = new URL(href);
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}
