// Which WASM thread count runs fastest here. tfjs gives XNNPACK half the reported cores; on
// a 2-core laptop 2 threads ran about twice as fast as 1, while on phones with big and little
// cores more threads can be slower. So we measure once per device, one engine at a time, and
// remember the answer.

const KEY = 'ssd-cam.wasm-threads';

export interface ThreadChoice {
  threads: number;
  hardwareConcurrency: number;
  measurements: Array<{ threads: number; medianMs: number }>;
}

export function threadCandidates(hardwareConcurrency: number): number[] {
  const hc = Math.max(1, hardwareConcurrency);
  const set = new Set<number>([hc, Math.max(1, Math.floor(hc / 2))]);
  if (hc >= 6) set.add(Math.round((hc * 3) / 4));
  if (hc <= 2) set.add(1);
  // tfjs's pthread pool holds 8 workers
  return [...set].map((n) => Math.min(n, 8)).filter((n, i, all) => all.indexOf(n) === i).sort((a, b) => b - a);
}

export function rememberedChoice(storage: Pick<Storage, 'getItem'> | null, hardwareConcurrency: number): ThreadChoice | null {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return null;
    const choice = JSON.parse(raw) as ThreadChoice;
    if (choice.hardwareConcurrency !== hardwareConcurrency || !(choice.threads >= 1)) return null;
    return choice;
  } catch {
    return null;
  }
}

export function rememberChoice(storage: Pick<Storage, 'setItem'> | null, choice: ThreadChoice): void {
  try {
    storage?.setItem(KEY, JSON.stringify(choice));
  } catch {
    // private mode or full storage: we simply measure again next time
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Fastest measured count. More threads must be 5% faster to win: within noise, fewer
 * threads leave cores to the camera and UI and save battery. */
export function pickFastest(measurements: Array<{ threads: number; medianMs: number }>): number {
  const sorted = [...measurements].sort((a, b) => a.threads - b.threads);
  let best = sorted[0];
  for (const m of sorted.slice(1)) {
    if (m.medianMs < best.medianMs * 0.95) best = m;
  }
  return best.threads;
}

/** the calibration holding this page's turn, and those queued behind it */
let turns: Promise<void> = Promise.resolve();

/**
 * Waits for this page's calibration turn, resolving with the function that hands it on. One
 * worker is timed at a time per page: two engines (the A/B view) timing thread counts at once
 * would share the cores, measure each other, and both remember a bad choice.
 */
export function calibrationTurn(): Promise<() => void> {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  const mine = turns.then(() => release);
  turns = turns.then(() => done);
  return mine;
}

/** The page's localStorage, or null where reading it throws (storage blocked). */
export function pageStorage(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}
