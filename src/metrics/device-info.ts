// What the device is, stored with every bench result so results from phones and laptops can
// be compared later. Only what the browser states; nothing is guessed.

export interface DeviceInfo {
  label: string;
  userAgent: string;
  platform: string;
  cores: number | null;
  /** GiB, rounded by the browser (navigator.deviceMemory), where given */
  memoryGiB: number | null;
  gpu: string | null;
  wasm: { simd: boolean | null; threads: number | null; crossOriginIsolated: boolean };
  screen: string;
}

interface NavigatorExtras {
  userAgentData?: { platform?: string; mobile?: boolean };
  deviceMemory?: number;
}

export function describeDevice(extra: { gpu?: string | null; simd?: boolean | null; threads?: number | null } = {}): DeviceInfo {
  const nav = navigator as Navigator & NavigatorExtras;
  const platform = nav.userAgentData?.platform || nav.platform || 'unknown';
  const cores = nav.hardwareConcurrency || null;
  return {
    label: `${platform}, ${cores ?? '?'} cores`,
    userAgent: nav.userAgent,
    platform,
    cores,
    memoryGiB: nav.deviceMemory ?? null,
    gpu: extra.gpu ?? null,
    wasm: { simd: extra.simd ?? null, threads: extra.threads ?? null, crossOriginIsolated: self.crossOriginIsolated },
    screen: typeof screen !== 'undefined' ? `${screen.width}x${screen.height} @${devicePixelRatio}x` : 'n/a',
  };
}
