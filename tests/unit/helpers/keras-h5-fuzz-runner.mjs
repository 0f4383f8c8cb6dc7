// Runs mutated .h5 files through the import's reader in a child process, one after the other,
// reporting each file's start and outcome to the test (keras-h5-fuzz.test.ts), which ends the
// process when a file makes the HDF5 library hang and starts a new one after it. A process,
// not a thread: the HDF5 library prints its diagnostics straight to the process's stderr,
// which the test discards (hundreds of lines a run).
import h5wasm from 'h5wasm/node';
import { importTs } from '../../../scripts/lib/import-ts.mjs';

const job = JSON.parse(process.argv[2]);
const { readKerasH5 } = await importTs(job.reader);
const { detectKerasSsd } = await importTs(job.layout);
await h5wasm.ready;

const send = (m) => new Promise((resolve) => process.send(m, resolve));
for (let i = job.from; i < job.files.length; i++) {
  await send({ i, started: true });
  let outcome;
  try {
    const file = new h5wasm.File(job.files[i], 'r');
    try {
      const weights = readKerasH5(file, 'fuzz.h5', 16 * 1048576);
      detectKerasSsd('fuzz.h5', weights.layers);
      outcome = 'read';
    } finally {
      file.close();
    }
  } catch (error) {
    const name = error?.name ?? typeof error;
    outcome = name === 'ImportError' ? `refused:${error.kind}` : name === 'KerasLayoutError' ? 'refused:keras-layout' : `thrown:${name}`;
    if (typeof error?.message !== 'string' || error.message.length === 0) outcome = `thrown-without-message:${name}`;
  }
  await send({ i, outcome });
}
await send({ done: true });
process.exit(0);
