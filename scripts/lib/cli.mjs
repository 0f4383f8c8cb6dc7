// What the Chromium-driving CLI scripts (`npm run bench`, `npm run eval -- --dataset`) share
// besides the browser: reading their flags the same way, a hard stop when a run overstays, a
// clean exit on Ctrl-C, and the same description of the machine in their reports, so two reports compare.
import os from 'node:os';

/** "a, b,,c" -> ['a', 'b', 'c'] */
export const listOf = (v) => v.split(',').map((s) => s.trim()).filter(Boolean);

/**
 * Calls `onFlag(flag, value, arg)` for each argument, `--flag=value` or `--flag value`;
 * `value()` takes the flag's value and throws `usageError(message)` when there is none.
 */
export function eachFlag(argv, onFlag, usageError) {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const [flag, inline] = eq >= 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw usageError(`${flag} needs a value`);
      return v;
    };
    onFlag(flag, value, arg);
  }
}

/** Ends the process with exit code 2 after `seconds`, whatever the run is waiting for. */
export function hardStop(label, seconds) {
  setTimeout(() => {
    console.error(`${label}: gave up after ${seconds} s (--timeout)`);
    process.exit(2);
  }, seconds * 1000).unref();
}

/** On Ctrl-C or SIGTERM: `cleanup()` (close the browser and the server), then exit 130. */
export function cleanupOnInterrupt(cleanup) {
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => void cleanup().finally(() => process.exit(130)));
}

export function hostInfo() {
  const cpus = os.cpus();
  return {
    hostname: os.hostname(),
    platform: os.platform(),
    arch: os.arch(),
    release: os.release(),
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    cpus: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
    node: process.version,
  };
}

/** One line for a report: the machine, and its load when the run started and ended. */
export function deviceSummary(host, loadAtStart) {
  return `${host.cpus}-core ${host.arch} (${host.cpuModel}), ${host.memoryGiB} GiB, ${host.platform} ${host.release}, load average ${loadAtStart.toFixed(2)} at the start, ${host.loadAverage[0]} at the end`;
}
