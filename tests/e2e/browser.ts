// Launching the system Chromium for e2e tests and reading the app through its public surface
// (URL parameters and the ssd:* window events). The path and flags are the CLI scripts' own
// (scripts/lib/chromium.mjs, which says why each flag is there); a test adds the fake camera.
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { iou } from '../../scripts/lib/box-iou.mjs';
import { BASE_ARGS, CHROME_PATH, WEBGPU_ARGS } from '../../scripts/lib/chromium.mjs';

export { CHROME_PATH, iou };

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = join(ROOT, 'tests/.fixtures');
export const DIST = join(ROOT, 'dist');
/** Where playwright.config.ts starts `vite preview` (E2E_PORT overrides the port). */
export const BASE_URL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4173)}`;

/** The fake camera clip made by global-setup (sample1.jpg, 3 faces). */
export const CAM_SAMPLE1 = join(FIXTURES, 'cam-sample1.y4m');
export const FACE_REFERENCE = join(FIXTURES, 'face-api-reference.json');

/** The URL the face tests open. */
export const faceUrl = (backend: string) =>
  `/?model=ssd-mobilenet-v1-face&backend=${backend}&autostart=1`;

export interface LaunchOptions {
  /**
   * 'file' (default): fake device playing `cameraFile`, permission auto-accepted.
   * 'none': no fake device -> getUserMedia rejects with NotFoundError.
   * 'denied': fake device but no fake-ui flag and no permission grant -> NotAllowedError.
   */
  camera?: 'file' | 'none' | 'denied';
  /** Y4M clip for the fake camera; default tests/.fixtures/cam-sample1.y4m. */
  cameraFile?: string;
  /** Adds the WebGPU flags (--enable-unsafe-webgpu, Vulkan on SwiftShader). */
  webgpu?: boolean;
  /** Extra Chromium switches. */
  args?: string[];
  /** Print every console message, not only warnings and errors (also SSD_E2E_VERBOSE=1). */
  verbose?: boolean;
  /** Browser language (navigator.language(s), Accept-Language, Intl), e.g. 'ja-JP'. */
  locale?: string;
  /** a touch screen: (pointer: coarse) matches, taps instead of clicks */
  hasTouch?: boolean;
  /** Initial viewport (default 1280x800). */
  viewport?: { width: number; height: number };
  /** 'block': no service worker registers, so page.route() sees every request (it never sees
   * what a service worker answers from its cache). Default 'allow'. */
  serviceWorkers?: 'allow' | 'block';
}

export interface LaunchedBrowser {
  context: BrowserContext;
  /** Uncaught exceptions in pages and error events of dedicated workers. */
  pageErrors: string[];
  /** console.error messages from pages and workers. */
  consoleErrors: string[];
  /** A new page with the event recorder installed, opened at `url` (relative to BASE_URL). */
  open(url: string): Promise<Page>;
  close(): Promise<void>;
}

export function chromiumArgs(opts: LaunchOptions = {}): string[] {
  const camera = opts.camera ?? 'file';
  const args = [...BASE_ARGS];
  if (camera === 'file') {
    args.push(
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${resolve(opts.cameraFile ?? CAM_SAMPLE1)}`,
    );
  } else if (camera === 'denied') {
    // With the fake-ui flag a denial through CDP is ignored: leave it out, grant nothing.
    args.push('--use-fake-device-for-media-stream');
  }
  if (opts.webgpu) args.push(...WEBGPU_ARGS);
  args.push(...(opts.args ?? []));
  return args;
}

export async function launchBrowser(opts: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'ssd-cam-e2e-'));
  const verbose = opts.verbose ?? process.env.SSD_E2E_VERBOSE === '1';
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROME_PATH,
    headless: true,
    args: chromiumArgs(opts),
    baseURL: BASE_URL,
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    ...(opts.locale ? { locale: opts.locale } : {}),
    ...(opts.hasTouch ? { hasTouch: true } : {}),
    ...(opts.serviceWorkers ? { serviceWorkers: opts.serviceWorkers } : {}),
  });
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  errorsByContext.set(context, pageErrors);

  context.on('console', (msg: ConsoleMessage) => {
    const type = msg.type();
    const worker = msg.worker();
    const where = worker ? `worker ${shortUrl(worker.url())}` : 'page';
    const text = msg.text();
    if (type === 'error') {
      // The recorder reports worker 'error' events through console.error with this prefix.
      if (text.startsWith('[ssd-e2e worker error]')) pageErrors.push(text);
      else consoleErrors.push(`${where}: ${text}`);
    }
    if (verbose || type === 'error' || type === 'warning') {
      const loc = msg.location();
      const at = loc?.url ? ` (${shortUrl(loc.url)}:${loc.lineNumber})` : '';
      console.log(`[browser ${type}] ${where}: ${text}${at}`);
    }
  });
  context.on('weberror', (err) => {
    const e = err.error();
    const text = `${e.name}: ${e.message}`;
    pageErrors.push(text);
    console.log(`[browser uncaught] ${text}\n${e.stack ?? ''}`);
  });
  await context.addInitScript(recorderScript);

  return {
    context,
    pageErrors,
    consoleErrors,
    async open(url: string) {
      const page = await context.newPage();
      page.on('crash', () => console.log('[browser] page crashed'));
      page.on('worker', (w) => {
        if (verbose) console.log(`[browser] worker started ${shortUrl(w.url())}`);
        w.on('close', () => verbose && console.log(`[browser] worker closed ${shortUrl(w.url())}`));
      });
      await page.goto(url);
      return page;
    },
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Uncaught errors per context, so a timed-out wait can say what went wrong.
const errorsByContext = new WeakMap<BrowserContext, string[]>();

const shortUrl = (u: string) => u.replace(BASE_URL, '');

// Runs in every page before the app: records the public ssd:* events (their details are
// plain data) and reports dedicated-worker error events, which Playwright does not surface.
function recorderScript() {
  const w = window as unknown as { __ssdEvents?: { type: string; detail: unknown; t: number }[] };
  if (w.__ssdEvents) return;
  const events: { type: string; detail: unknown; t: number }[] = [];
  w.__ssdEvents = events;
  for (const type of ['ssd:ready', 'ssd:detections', 'ssd:error', 'ssd:bench', 'ssd:count']) {
    window.addEventListener(type, (e) => {
      let detail: unknown = (e as CustomEvent).detail;
      try {
        detail = structuredClone(detail);
      } catch {
        detail = JSON.parse(JSON.stringify(detail ?? null));
      }
      events.push({ type, detail, t: performance.now() });
    });
  }
  const NativeWorker = window.Worker;
  if (NativeWorker) {
    class RecordedWorker extends NativeWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener('error', (e: ErrorEvent) => {
          console.error(`[ssd-e2e worker error] ${e.message || 'error event'} at ${e.filename ?? String(url)}:${e.lineno ?? '?'}`);
        });
        this.addEventListener('messageerror', () => console.error(`[ssd-e2e worker error] messageerror from ${String(url)}`));
      }
    }
    window.Worker = RecordedWorker;
  }
}

export type SsdEventType = 'ssd:ready' | 'ssd:detections' | 'ssd:error' | 'ssd:bench' | 'ssd:count';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface DetectionData {
  label: string;
  classId: number;
  score: number;
  box: Box;
}
/** ssd:detections detail (README, Events on `window`); numTensors is tf.memory().numTensors after the frame. */
export interface DetectionsDetail {
  frame: number;
  model: unknown;
  backend: string;
  detections: DetectionData[];
  timings?: Record<string, number>;
  fps?: number;
  numTensors?: number;
  width?: number;
  height?: number;
  /** the score threshold these detections were kept at */
  scoreThreshold?: number;
  [key: string]: unknown;
}
export interface ReadyDetail {
  model: unknown;
  backend: string;
  adapter?: string;
  requestedBackend?: string;
  fallbackReason?: string;
  wasm?: {
    simd: boolean;
    threads: number;
    note?: string;
    chosenBy?: 'measured' | 'remembered' | 'default';
    measurements?: Array<{ threads: number; medianMs: number }>;
  };
  [key: string]: unknown;
}
export interface ErrorDetail {
  kind: string;
  message: string;
  [key: string]: unknown;
}
type DetailOf<T extends SsdEventType> = T extends 'ssd:detections'
  ? DetectionsDetail
  : T extends 'ssd:ready'
    ? ReadyDetail
    : T extends 'ssd:error'
      ? ErrorDetail
      : Record<string, unknown>;

/** All recorded events of one type so far (details only). */
export async function getEvents<T extends SsdEventType>(page: Page, type: T): Promise<DetailOf<T>[]> {
  return page.evaluate(
    (t) => ((window as any).__ssdEvents ?? []).filter((e: any) => e.type === t).map((e: any) => e.detail),
    type,
  );
}

export interface WaitOptions {
  /** Throw as soon as an ssd:error arrives (default true unless waiting for ssd:error). */
  failOnError?: boolean;
  /** Poll interval in ms (default 200). */
  pollMs?: number;
}

/**
 * Waits until a recorded event of `type` satisfies `predicate` (called in Node with the detail
 * and its index among events of that type, starting at 0) and returns that detail. Events
 * that arrived before the call count too. The recorder is installed by launchBrowser() through
 * addInitScript; for pages made elsewhere call installRecorder(page) before page.goto.
 */
export async function waitForEvent<T extends SsdEventType>(
  page: Page,
  type: T,
  predicate: (detail: DetailOf<T>, index: number) => boolean = () => true,
  timeoutMs = 60_000,
  opts: WaitOptions = {},
): Promise<DetailOf<T>> {
  const failOnError = opts.failOnError ?? type !== 'ssd:error';
  const deadline = Date.now() + timeoutMs;
  let seen = 0; // index into the events of `type`
  let scanned = 0; // index into all events, for the error check
  let last: unknown;
  for (;;) {
    const installed = await page.evaluate(() => Array.isArray((window as any).__ssdEvents));
    if (!installed) throw new Error('ssd event recorder missing: open the page through launchBrowser().open() or call installRecorder() before goto');
    const fresh: { type: string; detail: any }[] = await page.evaluate(
      (from) => ((window as any).__ssdEvents as any[]).slice(from),
      scanned,
    );
    scanned += fresh.length;
    for (const e of fresh) {
      if (e.type === 'ssd:error' && failOnError) {
        throw new Error(`ssd:error while waiting for ${type}: ${JSON.stringify(e.detail)}`);
      }
      if (e.type !== type) continue;
      last = e.detail;
      if (predicate(e.detail, seen++)) return e.detail;
    }
    if (Date.now() > deadline) {
      const errors = errorsByContext.get(page.context()) ?? [];
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${type} (${seen} seen; last: ${last === undefined ? 'none' : JSON.stringify(last).slice(0, 2000)})` +
          (errors.length ? `\nuncaught errors in the page or its workers:\n  ${errors.slice(0, 5).join('\n  ')}` : ''),
      );
    }
    await page.waitForTimeout(opts.pollMs ?? 200);
  }
}

export async function installRecorder(page: Page) {
  await page.addInitScript(recorderScript);
}

/**
 * Pairs each expected box with a distinct actual box, best IoU first (greedy).
 * Returns the pairs and the leftovers on both sides.
 */
export function matchBoxes<A extends { box: Box }, E extends { box: Box }>(expected: E[], actual: A[], minIou: number) {
  const candidates: { e: number; a: number; iou: number }[] = [];
  expected.forEach((e, i) => actual.forEach((a, j) => candidates.push({ e: i, a: j, iou: iou(e.box, a.box) })));
  candidates.sort((p, q) => q.iou - p.iou);
  const usedE = new Set<number>();
  const usedA = new Set<number>();
  const pairs: { expected: E; actual: A; iou: number }[] = [];
  for (const c of candidates) {
    if (c.iou < minIou || usedE.has(c.e) || usedA.has(c.a)) continue;
    usedE.add(c.e);
    usedA.add(c.a);
    pairs.push({ expected: expected[c.e], actual: actual[c.a], iou: c.iou });
  }
  return {
    pairs,
    unmatchedExpected: expected.filter((_, i) => !usedE.has(i)),
    unmatchedActual: actual.filter((_, j) => !usedA.has(j)),
  };
}

interface FakeCameraMeta {
  width: number;
  height: number;
  photos: { file: string; width: number; height: number; scale: number; crop: Box }[];
}
interface FaceReference {
  photos: { file: string; width: number; height: number; faces: { score: number; box: Box }[] }[];
}

/**
 * Reference faces for the photo shown by a fake-camera clip, mapped from photo pixels into
 * video pixels with the clip's sidecar; only faces entirely inside the cropped frame count.
 */
export function expectedFaces(cameraFile = CAM_SAMPLE1, photoIndex = 0) {
  const meta: FakeCameraMeta = JSON.parse(readFileSync(`${cameraFile}.json`, 'utf8'));
  const ref: FaceReference = JSON.parse(readFileSync(FACE_REFERENCE, 'utf8'));
  const photo = meta.photos[photoIndex];
  const refPhoto = ref.photos.find((p) => p.file === photo.file);
  if (!refPhoto) throw new Error(`no face-api reference for ${photo.file}`);
  const { crop, scale } = photo;
  const eps = 1e-6;
  const faces = refPhoto.faces
    .filter(({ box }) =>
      box.x >= crop.x - eps && box.y >= crop.y - eps &&
      box.x + box.width <= crop.x + crop.width + eps && box.y + box.height <= crop.y + crop.height + eps)
    .map(({ score, box }) => ({
      score,
      box: { x: (box.x - crop.x) * scale, y: (box.y - crop.y) * scale, width: box.width * scale, height: box.height * scale },
    }));
  return { faces, videoWidth: meta.width, videoHeight: meta.height, file: photo.file };
}

/**
 * Detection boxes in the clip's video pixels. ssd:detections boxes are in video pixels (README,
 * Events on `window`); if the detail also names the analysed frame size and it differs from
 * the clip's (the app scaled the frame), rescale.
 */
export function toVideoPixels(detail: DetectionsDetail, videoWidth: number, videoHeight: number): DetectionData[] {
  const w = typeof detail.width === 'number' && detail.width > 0 ? detail.width : videoWidth;
  const h = typeof detail.height === 'number' && detail.height > 0 ? detail.height : videoHeight;
  const sx = videoWidth / w;
  const sy = videoHeight / h;
  return detail.detections.map((d) => ({
    ...d,
    box: { x: d.box.x * sx, y: d.box.y * sy, width: d.box.width * sx, height: d.box.height * sy },
  }));
}

export const fmtBox = (b: Box) => `[${b.x.toFixed(0)},${b.y.toFixed(0)},${b.width.toFixed(0)},${b.height.toFixed(0)}]`;

/** Rendered text of an element including its (nested) open shadow roots, whitespace collapsed. */
export async function deepText(locator: import('@playwright/test').Locator): Promise<string> {
  const text = await locator.evaluate((root) => {
    const parts: string[] = [];
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
      if (node instanceof Element) {
        if (['STYLE', 'SCRIPT', 'TEMPLATE'].includes(node.tagName)) return;
        if (node.shadowRoot) walk(node.shadowRoot);
      }
      node.childNodes.forEach(walk);
    };
    walk(root);
    return parts.join(' ');
  });
  return text.replace(/\s+/g, ' ').trim();
}
