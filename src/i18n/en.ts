// The English catalogue: every user-visible string of the app. ja.ts has the same shape (the
// compiler and tests/unit/i18n.test.ts check it); messages.ts points at the active one.

import type { CameraErrorKind } from '../camera/open-camera';
import type { BackendRequest, ErrorKind } from '../shared/protocol';
import type { ImportErrorKind } from '../storage/user-models/validate';
import type { LayoutEvidence } from '../storage/user-models/layout';
import { formatBytes, formatNumber } from './format';
import { enBench } from './en-bench';
import { enAccuracy } from './en-accuracy';
import { enCompat } from './en-compat';
import { enKeras } from './en-keras';
import { enTracking } from './en-tracking';

export const en = {
  appTitle: 'SSD Cam',
  intro: 'Live detection on this device. The camera picture never leaves it.',
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
  accuracyButton: 'Accuracy',
  abButton: 'A/B',
  ab: {
    title: 'A/B: two models on the same camera, each in its own worker',
    close: 'Close A/B',
    starting: 'starting…',
    /** a pane's model did not start (or its engine stopped); Retry follows */
    failed: (model: string, why: string) => `${model} did not start: ${why}`,
    /** a pane's new model did not start; the one from before still runs there */
    switchFailed: (model: string, why: string, running: string) => `${model} did not start: ${why}. Still showing ${running}.`,
  },
  tracking: enTracking,
  keras: enKeras,
  compat: enCompat,
  bench: enBench,
  importer: {
    /** the disclosure holding an error's technical detail */
    details: 'Details',
    title: 'Import your own model',
    help: 'Pick a TensorFlow.js model (its model.json and all its .bin weight files: a graph model, or the layers model of an ssd_keras SSD) or the .h5 weights of an ssd_keras SSD300/SSD512, or drop them here. Nothing leaves this device.',
    pick: 'Choose files',
    checking: 'Checking files…',
    name: 'Name',
    format: 'Output format',
    formats: {
      'ssd-raw': 'SSD raw outputs (TF OD API: class scores + decoded boxes)',
      postprocessed: 'Post-processed (boxes, scores, classes)',
      centernet: 'CenterNet rows (x1, y1, x2, y2, score, class)',
      yolov8: 'YOLOv8 / YOLO11 (Ultralytics): [1, 4 + classes, candidates], boxes in pixels',
      yolov5: 'YOLOv5: [1, candidates, 5 + classes], boxes 0…1, with objectness',
    },
    /** the layout read from the model's outputs, and why; the user can pick another */
    layout: (e: LayoutEvidence) => {
      const shape = (s: number[]) => `[${s.join(', ')}]`;
      switch (e.kind) {
        case 'yolov8':
          return `One output ${shape(e.shape)}: YOLOv8-style, ${e.classes} classes, ${e.candidates} candidates.`;
        case 'yolov5':
          return `One output ${shape(e.shape)}: YOLOv5-style, ${e.classes} classes, ${e.candidates} candidates with objectness.`;
        case 'centernet':
          return `One output ${shape(e.shape)}: CenterNet rows, ${e.rows} peaks.`;
        case 'postprocessed':
          return `Outputs ${e.names.join(', ')}: already post-processed (TF Object Detection API).`;
        case 'ssd-raw':
          return `Scores ${shape(e.scoresShape)} and boxes ${shape(e.boxesShape)}: an SSD before its NMS, ${e.classes} score columns, ${e.candidates} boxes.`;
        default:
          return e.outputs?.length
            ? `No known layout in its outputs (${e.outputs.map((o) => `${o.name} ${o.shape ? shape(o.shape) : '[shape not given]'}`).join('; ')}). Pick the format yourself.`
            : 'The file names no outputs with their shapes. Pick the format and type the output names yourself.';
      }
    },
    resize: 'How a frame fits the input',
    resizes: { stretch: 'Stretch to the input size', 'pad-square': 'Letterbox: pad to a square, keep proportions' },
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
    /** what went wrong, by kind; English shows the validator's own detailed sentence instead */
    errors: {
      'no-model-json': 'Pick exactly one model.json together with its .bin weight files.',
      'bad-json': 'The model.json file is not valid JSON.',
      'not-graph-model': 'This is not a TensorFlow.js graph model.',
      'too-large': 'The model is larger than this browser can store.',
      'missing-shard': 'Some weight files are missing.',
      'shard-size': 'A weight file is truncated or belongs to another model.',
      'bad-input': 'The model does not take one image as its input.',
      'not-hdf5': 'This is not an HDF5 (.h5) file.',
      'no-keras-weights': 'This HDF5 file holds no Keras weights that can be read.',
      'keras-layout': 'The weights do not fit an ssd_keras SSD300 or SSD512.',
      'unknown-layer': 'The layers model holds a layer class SSD Cam does not build.',
    } as Record<ImportErrorKind, string>,
  },
  modelInfo: {
    close: 'Close',
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

  // One message per way getUserMedia can fail, each saying what to do next.
  camera: {
    'camera-denied':
      "Camera access was denied. Allow the camera for this site in the browser's site settings, then tap Retry.",
    'camera-blocked':
      'The camera is blocked here by a browser or site policy, not by your choice. Open SSD Cam in its own tab (not embedded in another page), or ask whoever manages this device to allow the camera.',
    'camera-not-found':
      'No camera was found. Connect a camera (or check that the device has one), then tap Retry.',
    'camera-overconstrained':
      "None of this device's cameras can deliver a picture the browser accepts, even at any size. Try the other camera or connect another one, then tap Retry.",
    'camera-busy':
      'The camera is in use by another app or could not be started. Close other apps or tabs using it, then tap Retry.',
    'camera-aborted':
      'Starting the camera was interrupted (the browser or the device gave up). Tap Retry; if it keeps happening, reconnect the camera or restart the browser.',
    'camera-timeout':
      "The camera did not start: the browser's permission prompt seems to be waiting for an answer. Look for it near the address bar and allow the camera, then tap Retry.",
    'camera-ended':
      'The camera stopped (it was unplugged, or another app took it). Tap Retry to reopen it.',
    'camera-unsupported':
      "This browser can't open the camera here. Open the app over HTTPS (or on localhost) in a current browser.",
  } as Record<CameraErrorKind, string>,
  playBlocked: 'The browser did not start the video by itself.',
  startVideo: 'Start video',

  engineFailed: (message: string) => `The detector stopped: ${message}`,
  switchingEngine: 'Loading the new choice; detection goes on meanwhile…',
  switchFailed: (model: string, backend: string, reason: string, runningModel: string, runningBackend: string) =>
    `${model} on ${backend} could not start: ${reason} Still detecting with ${runningModel} on ${runningBackend}.`,
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
    /** told by the model's server before the download */
    sizeToDownload: (size: string) => `${size} to download`,
    sizeUnknown: 'size not known yet',
    checkSizes: 'Check download sizes',
    checkSizesHelp: 'Asks the model host (storage.googleapis.com) for each model’s size; nothing is downloaded or stored.',
    ofSize: (size: string) => `of ${size}`,
    progress: (done: number, total: number, size: string) => `${done}/${total} files, ${size}`,
    deviceTitle: 'This device',
    usage: (used: string, quota: string) => `This site uses ${used} of the ${quota} the browser allows it.`,
    noEstimate: 'This browser does not report how much storage is used.',
    persisted: (on: boolean): string =>
      on
        ? 'Storage is persistent: the browser keeps it when space runs low.'
        : 'Storage is best-effort: the browser may clear it when space runs low.',
    version: (v: string) => `SSD Cam ${v}`,
    bytes: (n: number) => formatBytes(n),
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

  /** a shipped model's full name where the manifest's English one does not fit the language
   * (none here: the manifests' names are English) */
  modelNames: {} as Record<string, string>,
  /** the running model's short, distinct name (task first), always on screen: the picker
   * cuts long names on a phone. A model not listed (the user's own) shows its name. */
  modelShortNames: {
    'centernet-mobilenet-v3-coco': 'Objects · CenterNet MobileNetV3',
    'coco-ssd-mobilenet-v1': 'Objects · SSD MobileNetV1',
    'coco-ssd-mobilenet-v2': 'Objects · SSD MobileNetV2',
    'coco-ssdlite-mobilenet-v2': 'Objects · SSDLite MobileNetV2',
    'mobilenet-v1-025-ssd300': 'Speed · MobileNetV1 0.25 SSD300',
    'mobilenet-v1-05-ssd300': 'Speed · MobileNetV1 0.5 SSD300',
    'mobilenet-v1-075-ssd300': 'Speed · MobileNetV1 0.75 SSD300',
    'mobilenet-v1-10-ssd300': 'Speed · MobileNetV1 1.0 SSD300',
    'ssd-mobilenet-v1-face': 'Faces · SSD MobileNetV1',
    'ssd-mobilenet-v2-fpnlite-hands': 'Hands · SSD MobileNetV2 FPNLite',
    'vgg11-ssd300': 'Speed · VGG11 SSD300',
    'vgg13-ssd300': 'Speed · VGG13 SSD300',
    'vgg16-ssd300': 'Speed · VGG16 SSD300',
    'vgg19-ssd300': 'Speed · VGG19 SSD300',
  } as Record<string, string>,
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
    simd: (on: boolean): string => (on ? 'SIMD' : 'no SIMD'),
    /** how the WASM thread count was chosen (WasmInfo.chosenBy) */
    chosenBy: { measured: 'measured on this device', remembered: 'measured before', default: 'default' } as Record<string, string>,
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

  // ---- phone-first polish: layout, settings, snapshot, languages, accessibility, progress ----
  /** the document language, for <html lang> */
  lang: 'en',
  controlsLabel: 'Camera controls',
  moreLabel: 'More tools',
  settingsButton: 'Settings',
  settings: {
    title: 'Settings',
    close: 'Close',
    detection: 'Detection',
    scoreThreshold: 'Minimum score',
    scoreHelp: 'Boxes below this confidence are dropped by the detector. Each model keeps its own.',
    scoreMeasured: (set: string, images: number, backend: string, date: string, recall: string, precision: string) =>
      `Measured for this model: the best F1 on ${set} (${images} photos, ${backend}, ${date}). There it finds ${recall}% of the objects, and ${precision}% of its boxes are right.`,
    scoreYoursMeasured: (value: string, set: string) => `Your own value for this model (measured best: ${value} on ${set}).`,
    scoreYours: 'Your own value for this model.',
    scoreNotMeasured: (value: string) => `Not measured for this model yet: the general default ${value}. Measure it in Accuracy.`,
    scoreUseMeasured: (value: string) => `Use the measured ${value}`,
    iouThreshold: 'Overlap (IoU) threshold',
    iouHelp: 'Boxes that overlap a better one by more than this are merged away.',
    maxBoxes: 'Maximum boxes',
    tracking: 'Follow objects (ids, steadier boxes)',
    trackingFromUrl: 'On for this visit: the link asks for it (track=1).',
    trackMinHits: 'Show an object after this many detections',
    trackMaxMisses: 'Keep a missed object for this many frames',
    trackLowScore: 'Weak detections keep known objects from score',
    trackingHelp: 'Each object keeps a number while in view; boxes move smoothly between detections, and one missed for a moment is drawn dashed where it is expected.',
    classes: 'Show these classes',
    classesHelp: 'Only changes what is drawn and read out; the detector still reports everything it finds.',
    noClasses: 'This model has no classes to choose from.',
    showAll: 'Show all',
    showNone: 'Hide all',
    classSearch: 'Find a class',
    camera: 'Camera',
    resolution: 'Camera resolution',
    resolutions: { sd: '640 × 480 (fastest)', hd: '1280 × 720', fhd: '1920 × 1080' } as Record<'sd' | 'hd' | 'fhd', string>,
    mirrorFront: 'Mirror the front camera',
    display: 'Display',
    language: 'Language',
    languages: { auto: 'Browser language', en: 'English', ja: '日本語 (Japanese)' } as Record<'auto' | 'en' | 'ja', string>,
    hudOpen: 'Show all stats',
    reset: 'Restore defaults',
    notSaved: 'This browser did not store your settings: they apply until this page is closed.',
  },
  snapshot: {
    button: 'Snapshot',
    label: 'Save a snapshot of the picture with its boxes',
    caption: (model: string, backend: string, fps: string, date: string) => `${model} · ${backend} · ${fps} fps · ${date}`,
    shareTitle: 'SSD Cam snapshot',
    fileName: 'ssd-cam',
    saved: 'Snapshot saved.',
    failed: (why: string) => `The snapshot could not be made: ${why}`,
    notReady: 'Start the camera first: there is no picture to save yet.',
  },
  summary: {
    label: 'Detections',
    none: 'Nothing detected.',
    /** one class and its count, e.g. "3 faces" */
    count: (n: number, label: string) => `${formatNumber(n, 0)} ${n === 1 ? label : plural(label)}`,
    join: (parts: string[]) => parts.join(', '),
  },
  /** display names of detector classes; missing ones are shown as the model names them */
  classNames: {} as Record<string, string>,
  progress: {
    loading: 'Loading model…',
    backend: (backend: string) => `Starting ${backend}…`,
    download: (loaded: string, total: string | null) => (total ? `Downloading model: ${loaded} of ${total}` : `Downloading model: ${loaded}`),
    build: 'Preparing the network…',
    warmup: 'First run: compiling for this device…',
    /** what the user waits for, once, in the status line; the HUD says how (progressDetail) */
    calibrate: (i: number, n: number) => `Tuning for this device… ${i} of ${n}`,
    restart: (_threads: number) => 'Tuning for this device…',
  },
  /** the HUD's line while tuning: what is being done */
  progressDetail: {
    calibrate: (i: number, n: number) => `WASM threads: timing count ${i} of ${n}`,
    restart: (threads: number) => `WASM: restarting with ${threads} thread${threads === 1 ? '' : 's'}`,
  },
  engineErrors: {
    'model-missing': 'The model files could not be found or downloaded.',
    'model-corrupt': 'The model files are damaged or not a model this app can read.',
    'backend-unavailable': 'This backend cannot start in this browser. Choose another backend.',
    'inference-failed': 'Running the model failed.',
    'device-lost': 'The GPU stopped responding.',
    'bad-request': 'The detector was asked something it could not do.',
    'model-timeout': 'The model took too long to load and was stopped. Try again, or choose a smaller model or another backend.',
  } as Record<ErrorKind, string>,
  /** "<explanation> (<technical detail>)"; the detail comes from the browser or the model, untranslated */
  withDetail: (text: string, detail: string) => (detail ? `${text} (${detail})` : text),
  units: {
    fps: 'fps',
    ms: 'ms',
    px: 'px',
  },
  pickerFacts: {
    macs: (v: string) => `${v} MACs`,
    params: (v: string) => `${v} params`,
    download: 'download',
  },
  chartAxes: { multAdds: 'mult-adds per frame', fps: 'fps' },
  /** <file-button>: what was picked, beside the button (the browser's own would say it in English) */
  fileButton: {
    files: (count: number) => `${count} files`,
    folder: (name: string, count: number) => `${name} (${count} files)`,
  },
  benchFailure: (model: string, backend: string, message: string) => `${model} on ${backend}: ${message}`,
  shareBenchTitle: 'SSD Cam bench results',
  /** the accuracy panel: a labelled set, models x backends through the real pipeline, COCO figures */
  accuracy: enAccuracy,
};

/** English plural of a class name: "person" -> "persons", "bus" -> "buses". */
function plural(label: string): string {
  if (/(s|x|z|ch|sh)$/.test(label)) return `${label}es`;
  if (/[^aeiou]y$/.test(label)) return `${label.slice(0, -1)}ies`;
  return `${label}s`;
}
