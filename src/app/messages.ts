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
  modelGroups: { trained: 'Trained models', 'speed-only': 'Speed only (synthetic weights, no boxes)', user: 'Your models' },
  modelInfoButton: 'About this model',
  importButton: 'Import model',
  benchButton: 'Bench',
  abButton: 'A/B',
  ab: {
    title: 'A/B: two models on the same camera, each in its own worker',
    close: 'Close A/B',
    starting: 'starting…',
  },
  bench: {
    title: 'Compare backbones on this device',
    help: 'Each model runs on each backend in a fresh worker: cold start (backend start, model load, first inference) is measured apart, then warm-up and timed frames on one fixed frame. The live view pauses meanwhile.',
    models: 'Models',
    backends: 'Backends',
    frames: 'Timed frames',
    run: 'Run comparison',
    cancel: 'Cancel',
    close: 'Close',
    running: (done: number, total: number, current: string) => `Measuring ${current} (${done + 1} of ${total})…`,
    cameraSnapshot: 'camera snapshot',
    samplePhoto: 'bundled sample photo',
    cancelled: 'The comparison was cancelled.',
    failed: (why: string) => `The comparison failed: ${why}`,
    storageFailed: (why: string) => `Results could not be stored in this browser: ${why}.`,
    results: 'Results',
    none: 'No results yet: run a comparison, or import one from another device.',
    exportCsv: 'Export CSV',
    exportJson: 'Export JSON',
    importJson: 'Import JSON from another device',
    share: 'Share',
    remove: 'Delete',
    imported: 'imported',
    thisDevice: 'this device',
    failures: 'Could not run',
    fpsChart: 'Frames per second, by model and backend (higher is faster)',
    scatterChart: 'Mult-adds per frame against frames per second (log scale)',
    columns: {
      model: 'model', backend: 'backend', threads: 'threads', cold: 'cold start ms', fps: 'fps', total: 'total ms p50/p95',
      inference: 'inference ms p50', readback: 'readback ms p50', efficiency: 'pipeline vs bare', multAdds: 'mult-adds',
      achieved: 'GMAC/s', peak: 'of peak', tensors: 'tensors before/after',
    },
  },
  importer: {
    title: 'Import your own model',
    help: 'Pick a TensorFlow.js graph model: its model.json and all its .bin weight files (or drop them here). Nothing leaves this device.',
    pick: 'Choose files',
    checking: 'Checking files…',
    name: 'Name',
    format: 'Output format',
    formats: {
      'ssd-raw': 'SSD raw outputs (TF OD API: class scores + decoded boxes)',
      postprocessed: 'Post-processed (boxes, scores, classes)',
      centernet: 'CenterNet rows (x1, y1, x2, y2, score, class)',
    },
    outputs: 'Output names (in the order above, comma separated)',
    inputSize: 'Input size (px)',
    pixelRange: 'Pixel values the model expects',
    ranges: { '0-255': '0 … 255', '0-1': '0 … 1', '-1-1': '-1 … 1' },
    dtype: 'Input type',
    labels: 'Labels',
    labelSets: { coco80: 'COCO, 80 classes (index 0 = person)', coco90: 'COCO ids 1…90', custom: 'My own list' },
    customLabels: 'Labels, one per class id, comma separated (leave a blank for unused ids)',
    background: 'Score column 0 is the background class',
    save: 'Save model',
    cancel: 'Cancel',
    close: 'Close',
    yours: 'Your models',
    none: 'No imported models yet.',
    remove: (name: string) => `Delete ${name}`,
    found: (shape: string, mb: string) => `Input ${shape}, ${mb} MB checked.`,
    readFailed: (why: string) => `The files could not be read: ${why}.`,
    storageFailed: (why: string) => `This browser's storage refused the model: ${why}. Free some space or allow storage, then try again.`,
  },
  modelInfo: {
    speedOnlyNote: 'Speed only: no trained weights are available for this network, so it runs with synthetic weights to measure its speed and never draws boxes.',
    needsNetworkNote: 'Downloaded from its official home the first time you choose it; available offline afterwards.',
    backbone: 'backbone',
    input: 'input',
    classes: 'classes',
    none: 'none (speed only)',
    params: 'parameters',
    multAdds: 'mult-adds',
    perFrame: (v: string) => `${v} per frame`,
    unknown: 'not counted for this graph',
    download: 'download',
    sizeOnDownload: 'shown after the first download',
    builtIn: 'none (built in code)',
    network: 'network',
    networkOnce: 'needed once',
    bundled: 'not needed (bundled)',
    origin: 'origin',
    license: 'license',
  },
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

  // Installable and offline: the service worker, downloaded models, storage.
  pwa: {
    offline: 'Offline',
    offlineDetail: 'No network: the app and its bundled models still work; downloads wait until you are back online.',
    updateReady: 'A new version of SSD Cam is ready.',
    update: 'Update',
    updatedElsewhere: 'SSD Cam was updated in another tab; reload to use the new version.',
    reload: 'Reload',
    later: 'Later',
    reloadForThreads:
      'SSD Cam is now stored for offline use. Reload once to run WASM with threads (this host does not send the isolation headers; the stored copy adds them).',
    storageButton: 'Offline and storage',
    storageTitle: 'Offline and storage',
    close: 'Close',
    appCached: (size: string) => `The app and its bundled models are stored (${size}) and work offline.`,
    appNotCached: 'The app is not stored for offline use yet (still installing, or this browser cannot keep it).',
    downloadedTitle: 'Downloaded models',
    nothingDownloaded: 'No downloaded models.',
    files: (n: number) => `${n} file${n === 1 ? '' : 's'}`,
    remove: 'Remove',
    removeLabel: (name: string) => `Remove ${name}`,
    availableTitle: 'Download for offline use',
    download: 'Download',
    downloadNeedsNetwork: 'Downloading needs a network connection, and this device is offline.',
    allDownloaded: 'Every downloadable model is stored.',
    starting: 'starting…',
    progress: (done: number, total: number, size: string) => `${done}/${total} files, ${size}`,
    deviceTitle: 'This device',
    usage: (used: string, quota: string) => `This site uses ${used} of the ${quota} the browser allows it.`,
    noEstimate: 'This browser does not report how much storage is used.',
    persisted: (on: boolean) =>
      on
        ? 'Storage is persistent: the browser keeps it when space runs low.'
        : 'Storage is best-effort: the browser may clear it when space runs low.',
    version: (v: string) => `SSD Cam ${v}`,
    bytes: (n: number) =>
      n >= 1024 ** 3
        ? `${(n / 1024 ** 3).toFixed(1)} GB`
        : n >= 1024 ** 2
          ? `${(n / 1024 ** 2).toFixed(1)} MB`
          : `${Math.max(0, Math.round(n / 1024))} kB`,
    downloadingModel: (name: string, progress: string) => `Downloading ${name} for offline use… ${progress}`,
    modelNeedsNetwork: (name: string) =>
      `${name} is downloaded on first use, and this device is offline. The current model keeps running; choose it again when you are back online.`,
    modelNeedsNetworkToStart: (name: string) =>
      `${name} is downloaded on first use, and this device is offline. Connect to a network, or choose a bundled model.`,
    modelDownloadFailed: (name: string, reason: string) =>
      `Could not download ${name}: ${reason} The current model keeps running.`,
    downloadFailed: (name: string, reason: string) => `Could not download ${name}: ${reason}`,
    modelStored: (name: string) => `${name} is stored on this device and works offline.`,
  },

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
    chart: 'Detection fps and inference time over the last minute',
    chartLegend: (fps: string, ms: string) => `— fps (top ${fps}) · - - inference ms (top ${ms}) · last 60 s`,
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
