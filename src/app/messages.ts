// Every user-visible string of the app, in one catalogue, so a translation is one more object
// of type `Messages` (and the compiler lists what it is missing).

import type { CameraErrorKind } from '../camera/open-camera';
import type { BackendRequest } from '../engine/protocol';

const en = {
  appTitle: 'SSD Cam',
  intro: 'Live detection on this device. Nothing leaves your phone.',
  start: 'Start',
  stop: 'Stop',
  retry: 'Retry',
  dismiss: 'Dismiss',
  switchCamera: 'Switch camera',
  switchCameraToFront: 'Use front camera',
  switchCameraToBack: 'Use back camera',
  openingCamera: 'Opening camera…',
  startingEngine: 'Starting detector…',
  modelLabel: 'Model',
  backendLabel: 'Backend',
  speedOnly: 'speed only',
  backendNames: {
    auto: 'Auto',
    webgpu: 'WebGPU',
    webgl: 'WebGL',
    wasm: 'WASM',
    cpu: 'CPU',
  } as Record<BackendRequest, string>,
  backendMissing: 'not in this browser',

  camera: {
    'camera-denied':
      "Camera access was denied. Allow the camera for this site in the browser's site settings, then tap Retry.",
    'camera-not-found':
      'No camera was found. Connect a camera (or check that the device has one), then tap Retry.',
    'camera-busy':
      'The camera is in use by another app or could not be started. Close other apps or tabs using it, then tap Retry.',
    'camera-unsupported':
      "This browser can't open the camera here. Open the app over HTTPS (or on localhost) in a current browser.",
  } as Record<CameraErrorKind, string>,
  playBlocked: 'The browser did not start the video by itself.',
  startVideo: 'Start video',
  cameraEnded: 'The camera stopped (it was unplugged, or another app took it). Tap Retry to reopen it.',

  engineFailed: (message: string) => `The detector stopped: ${message}`,
  workerCrashed: 'The detector crashed. Tap Retry to restart it.',
  fallback: (requested: string, reason: string, actual: string) =>
    `${requested} is not available here (${reason}); running on ${actual}.`,
  fallbackNoRequest: (reason: string, actual: string) => `Running on ${actual} (${reason}).`,
  engineRecovered: (reason: string, backend: string) => `The detector restarted after a fault (${reason}); detecting again on ${backend}.`,
  paramProblem: (param: string, value: string, used: string) =>
    `Unknown ${param} '${value}', using ${used}.`,

  hud: {
    title: 'Stats',
    detFps: 'det',
    camFps: 'cam',
    /** steady state: the cold first run is reported apart (coldStart) */
    inference: 'infer (warm)',
    stages: 'stages',
    preprocess: 'pre',
    postprocess: 'post',
    total: 'total',
    roundTrip: 'round trip',
    backend: 'backend',
    fallbackFrom: (from: string, reason: string) => `fallback from ${from}: ${reason}`,
    wasm: 'wasm',
    threads: (n: number) => `${n} thread${n === 1 ? '' : 's'}`,
    simd: (on: boolean) => (on ? 'SIMD' : 'no SIMD'),
    model: 'model',
    coldStart: 'cold start',
    coldStartValue: (loadMs: string, firstRunMs: string) => `load ${loadMs} ms · first run ${firstRunMs} ms`,
    tensors: 'tensors',
    frame: 'frame',
    collapse: 'Hide details',
    expand: 'Show details',
  },
};

export type Messages = typeof en;

/** The active catalogue. A later change can pick one by `navigator.language`. */
export const messages: Messages = en;
