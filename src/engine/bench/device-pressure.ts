import type { SustainedRun } from '../../shared/protocol';

// What the page can tell about the device during a sustained run, where the browser has it:
// the Compute Pressure API's CPU state (Chromium's PressureObserver: nominal, fair, serious,
// critical) and the Battery Status API's level and charging. Both are absent in many browsers
// and in headless ones; the run then says "not available" rather than guess.

interface PressureRecordLike {
  state: string;
  time: number;
}

type PressureObserverCtor = new (cb: (records: PressureRecordLike[]) => void) => { observe(source: 'cpu'): Promise<void>; disconnect(): void };
type BatteryLike = { level: number; charging: boolean };

async function battery(): Promise<BatteryLike | null> {
  const nav = navigator as Navigator & { getBattery?: () => Promise<BatteryLike> };
  try {
    const b = nav.getBattery ? await nav.getBattery() : null;
    return b ? { level: b.level, charging: b.charging } : null;
  } catch {
    return null;
  }
}

/** Starts watching; `finish(run, endedAt)` fills the run's pressure and battery fields. */
export async function watchDevicePressure(): Promise<(run: SustainedRun, endedAt: number) => Promise<void>> {
  const records: PressureRecordLike[] = [];
  const Ctor = (globalThis as { PressureObserver?: PressureObserverCtor }).PressureObserver;
  let observer: InstanceType<PressureObserverCtor> | null = null;
  if (Ctor) {
    try {
      observer = new Ctor((rs) => records.push(...rs.map((r) => ({ state: r.state, time: r.time }))));
      await observer.observe('cpu');
    } catch {
      observer = null; // not allowed here (permissions policy, no source)
    }
  }
  const batteryStart = await battery();
  return async (run, endedAt) => {
    observer?.disconnect();
    // the worker's windows in page time: the run ended when its answer arrived (a few ms late)
    const runStart = endedAt - run.seconds * 1000;
    run.pressure = observer
      ? run.windows.map((w) => {
          const until = runStart + (w.startS + run.windowS) * 1000;
          const last = records.filter((r) => r.time <= until).pop();
          return last?.state ?? null;
        })
      : 'not available';
    const batteryEnd = await battery();
    run.battery = batteryStart && batteryEnd ? { start: batteryStart, end: batteryEnd } : 'not available';
  };
}
