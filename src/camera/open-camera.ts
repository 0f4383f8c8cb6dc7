// getUserMedia with the constraints the detector wants, and each of its DOMException names
// turned into a kind the UI can explain and act on (its own message and way forward). The UI
// owns the words (src/app/i18n, by kind), so an error shown after a language change speaks
// the new language; the error itself carries only the kind and what the browser said.

export type FacingMode = 'user' | 'environment';
export type CameraErrorKind =
  /** NotAllowedError: the user (or a remembered choice) said no. */
  | 'camera-denied'
  /** SecurityError: a policy forbids the camera here (permissions policy of an embedding page,
   * an administrator), whatever the user wants. */
  | 'camera-blocked'
  /** NotFoundError: no camera at all. */
  | 'camera-not-found'
  /** OverconstrainedError even for "any camera" after the relaxed retry. */
  | 'camera-overconstrained'
  /** NotReadableError: the device is held by another app or failed in the driver. */
  | 'camera-busy'
  /** AbortError: the browser gave up starting the device for another reason. */
  | 'camera-aborted'
  /** getUserMedia neither resolved nor rejected in time: a permission prompt left unanswered. */
  | 'camera-timeout'
  /** the track ended while running (unplugged, taken by another app, permission revoked). */
  | 'camera-ended'
  /** no getUserMedia here (insecure context, old browser, unparsable constraints). */
  | 'camera-unsupported';

export class CameraError extends Error {
  override readonly name = 'CameraError';
  readonly kind: CameraErrorKind;
  /** what the browser said (`NotAllowedError: Permission denied`), for logs and bug reports. */
  readonly detail: string;

  constructor(kind: CameraErrorKind, detail = '') {
    super(detail ? `${kind}: ${detail}` : kind);
    this.kind = kind;
    this.detail = detail;
  }
}

export interface OpenCameraOptions {
  facingMode: FacingMode;
  /** ideal, not exact: the detector resizes anyway, and exact sizes fail on many phones. */
  width?: number;
  height?: number;
  /**
   * Give up after this long without an answer (a permission prompt nobody answers never
   * settles getUserMedia). A stream that arrives later is stopped at once. 0: wait forever.
   */
  timeoutMs?: number;
}

/** Long enough to read and answer a permission prompt; starting a real camera takes ~1 s. */
export const CAMERA_TIMEOUT_MS = 30_000;

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
      return new CameraError('camera-denied', detail);
    case 'SecurityError':
      return new CameraError('camera-blocked', detail);
    case 'NotFoundError':
    case 'DevicesNotFoundError': // old Chrome spelling
      return new CameraError('camera-not-found', detail);
    case 'OverconstrainedError': {
      // only reaches here after the relaxed retry: no device fits at all
      const constraint = (err as { constraint?: unknown }).constraint;
      return new CameraError('camera-overconstrained', constraint ? `${detail} (constraint: ${String(constraint)})` : detail);
    }
    case 'NotReadableError':
    case 'TrackStartError': // old Chrome spelling
      return new CameraError('camera-busy', detail);
    case 'AbortError':
      return new CameraError('camera-aborted', detail);
    case 'TypeError': // constraints the browser cannot parse, or getUserMedia missing
      return new CameraError('camera-unsupported', detail);
    default:
      // Unknown failures are most often transient (driver hiccups); "busy" offers Retry.
      return new CameraError('camera-busy', detail);
  }
}

export function openCamera(
  { facingMode, width = 640, height = 480, timeoutMs = CAMERA_TIMEOUT_MS }: OpenCameraOptions,
  env: CameraEnvironment = browserEnvironment(),
): Promise<MediaStream> {
  const opening = request(facingMode, width, height, env);
  if (!(timeoutMs > 0 && Number.isFinite(timeoutMs))) return opening;
  return new Promise<MediaStream>((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(new CameraError('camera-timeout', `getUserMedia did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    opening.then(
      (stream) => {
        clearTimeout(timer);
        // Answered after we gave up: nobody holds this stream, so the light must go off.
        if (late) closeStream(stream);
        else resolve(stream);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!late) reject(error);
      },
    );
  });
}

async function request(
  facingMode: FacingMode,
  width: number,
  height: number,
  env: CameraEnvironment,
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
