// getUserMedia with the constraints the detector wants, and its many DOMException names
// folded into four kinds the UI can explain and act on.
import { messages } from '../app/messages';

export type FacingMode = 'user' | 'environment';
export type CameraErrorKind = 'camera-denied' | 'camera-not-found' | 'camera-busy' | 'camera-unsupported';

export class CameraError extends Error {
  override readonly name = 'CameraError';
  readonly kind: CameraErrorKind;
  /** what the browser said (`NotAllowedError: Permission denied`), for logs and bug reports. */
  readonly detail: string;

  constructor(kind: CameraErrorKind, detail = '', message: string = messages.camera[kind]) {
    super(message);
    this.kind = kind;
    this.detail = detail;
  }
}

export interface OpenCameraOptions {
  facingMode: FacingMode;
  /** ideal, not exact: the detector resizes anyway, and exact sizes fail on many phones. */
  width?: number;
  height?: number;
}

/** What openCamera needs from the browser; tests pass a fake. */
export interface CameraEnvironment {
  mediaDevices?: Pick<MediaDevices, 'getUserMedia'>;
  isSecureContext: boolean;
}

function browserEnvironment(): CameraEnvironment {
  return {
    mediaDevices: typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined,
    isSecureContext: typeof window !== 'undefined' ? window.isSecureContext : false,
  };
}

function errorName(err: unknown): string {
  return typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '';
}

function describe(err: unknown): string {
  if (err instanceof Error || (typeof err === 'object' && err !== null && 'message' in err)) {
    const e = err as { name?: string; message?: string };
    return `${e.name ?? 'Error'}: ${e.message ?? ''}`;
  }
  return String(err);
}

/** Maps whatever getUserMedia threw to a CameraError. */
export function toCameraError(err: unknown): CameraError {
  if (err instanceof CameraError) return err;
  const detail = describe(err);
  switch (errorName(err)) {
    case 'NotAllowedError':
    case 'PermissionDeniedError': // old Chrome spelling
    case 'SecurityError':
      return new CameraError('camera-denied', detail);
    case 'NotFoundError':
    case 'DevicesNotFoundError': // old Chrome spelling
    case 'OverconstrainedError': // only reaches here after the relaxed retry: no device fits at all
      return new CameraError('camera-not-found', detail);
    case 'NotReadableError':
    case 'TrackStartError': // old Chrome spelling
    case 'AbortError':
      return new CameraError('camera-busy', detail);
    case 'TypeError': // constraints the browser cannot parse, or getUserMedia missing
      return new CameraError('camera-unsupported', detail);
    default:
      // Unknown failures are most often transient (driver hiccups); "busy" offers Retry.
      return new CameraError('camera-busy', detail);
  }
}

export async function openCamera(
  { facingMode, width = 640, height = 480 }: OpenCameraOptions,
  env: CameraEnvironment = browserEnvironment(),
): Promise<MediaStream> {
  const md = env.mediaDevices;
  if (!env.isSecureContext || !md || typeof md.getUserMedia !== 'function') {
    throw new CameraError(
      'camera-unsupported',
      env.isSecureContext ? 'navigator.mediaDevices.getUserMedia is missing' : 'insecure context',
    );
  }
  const wanted: MediaStreamConstraints = {
    audio: false,
    video: { facingMode: { ideal: facingMode }, width: { ideal: width }, height: { ideal: height } },
  };
  try {
    return await md.getUserMedia(wanted);
  } catch (err) {
    if (errorName(err) !== 'OverconstrainedError') throw toCameraError(err);
  }
  // Ideal constraints should never overconstrain, but some drivers report it anyway: one
  // retry with "any camera" before giving up.
  try {
    return await md.getUserMedia({ audio: false, video: true });
  } catch (err) {
    throw toCameraError(err);
  }
}

/** Stops every track, which is what turns the camera light off. */
export function closeStream(stream: MediaStream | null | undefined): void {
  stream?.getTracks().forEach((t) => t.stop());
}
