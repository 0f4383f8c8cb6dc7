import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fork } from 'node:child_process';
import { rng } from '../helpers/rng';
import { seededKerasWeights, writeKerasH5, type KerasLayerSpec } from '../helpers/ssd-keras-h5';

// Seeded mutations of a small Keras-layout .h5 (random bytes changed, or the file cut short)
// through the import's reader and layout check, each in a worker thread like the app's reader
// worker. Every file must end in an answer the import turns into a message: read, refused with
// a kind, or an error with a message; a file that makes the HDF5 library loop is found by its
// silence and the thread ended, as the page's reader client does (KERAS_READ_SILENCE_MS).
const CASES = 300;
const SILENCE_MS = 4000;
const ROOT = path.resolve(__dirname, '../../..');

const LAYERS: KerasLayerSpec[] = [
  { name: 'input_1' },
  { name: 'conv1_1', conv: [3, 3, 8] },
  { name: 'pool1' },
  { name: 'conv4_3_norm', gamma: 8 },
  { name: 'conv9_2_mbox_conf', conv: [3, 8, 8] },
];

type Outcome = { i: number; outcome: string };

function runAll(files: string[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const job = (from: number) => ({ files, from, reader: path.join(ROOT, 'src/storage/user-models/keras-h5.ts'), layout: path.join(ROOT, 'src/detection/keras/keras-layout.ts') });
  return new Promise((resolve) => {
    const start = (from: number) => {
      if (from >= files.length) return resolve(outcomes);
      // stdio ignored: the HDF5 library's diagnostics are not the test's output
      const child = fork(path.join(ROOT, 'tests/unit/helpers/keras-h5-fuzz-runner.mjs'), [JSON.stringify(job(from))], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
      let current = from;
      let ended = false;
      let timer: NodeJS.Timeout | undefined;
      /** the test ends the child (a hang, or all done) and goes on with `next` */
      const end = (next: () => void) => {
        ended = true;
        clearTimeout(timer);
        child.once('exit', next);
        child.kill('SIGKILL');
      };
      const watch = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          outcomes.push({ i: current, outcome: 'hang' });
          end(() => start(current + 1));
        }, SILENCE_MS);
      };
      watch();
      child.on('message', (m: { i?: number; started?: boolean; outcome?: string; done?: boolean }) => {
        if (m.done) end(() => resolve(outcomes));
        else if (m.started) {
          current = m.i!;
          watch();
        } else outcomes.push({ i: m.i!, outcome: m.outcome! });
      });
      child.on('exit', (code, signal) => {
        if (ended) return;
        clearTimeout(timer);
        // the process died on its own (a WebAssembly abort): in the app that is the reader
        // worker's onerror, answered with a message; here the case is noted and the run goes on
        outcomes.push({ i: current, outcome: `worker-died:${code ?? signal}` });
        start(current + 1);
      });
    };
    start(0);
  });
}

describe('the .h5 reader on damaged files', () => {
  it(`${CASES} seeded mutations: each is read, refused with a reason, or stopped; none kills the test process`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h5-fuzz-'));
    try {
      const good = path.join(dir, 'good.h5');
      await writeKerasH5(good, LAYERS, seededKerasWeights(LAYERS, 5));
      const bytes = fs.readFileSync(good);
      const random = rng(2024);
      const files = Array.from({ length: CASES }, (_, c) => {
        const b = Buffer.from(bytes);
        const mutated = c % 10 === 9 ? b.subarray(0, Math.floor(random() * b.length)) : b;
        if (c % 10 !== 9) {
          const changes = 1 + Math.floor(random() * 8);
          for (let k = 0; k < changes; k++) mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
        }
        const file = path.join(dir, `case-${c}.h5`);
        fs.writeFileSync(file, mutated);
        return file;
      });
      const t0 = Date.now();
      const outcomes = await runAll(files);
      const tally = new Map<string, number>();
      for (const o of outcomes) tally.set(o.outcome, (tally.get(o.outcome) ?? 0) + 1);
      console.log(`[h5-fuzz] ${CASES} cases in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${[...tally].map(([k, n]) => `${k} ${n}`).join(', ')}`);
      expect(outcomes.map((o) => o.i).sort((a, b) => a - b)).toEqual(files.map((_, i) => i));
      for (const o of outcomes) expect(o.outcome, `case ${o.i}`).toMatch(/^(read|refused:[a-z-]+|thrown:\w+|hang|worker-died:.*)$/);
      // the unmutated file still reads after all that, in a fresh thread
      const [again] = await runAll([good]);
      expect(again.outcome).toBe('refused:keras-layout');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
