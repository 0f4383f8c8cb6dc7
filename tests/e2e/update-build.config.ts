// Vite config for the e2e update tests' build B (pwa-update.spec.ts): the project's own config
// plus one statement added to the detection worker, so B's worker chunk gets another hashed
// name than A's, as any release that touches the worker, TensorFlow.js or a detector does.
// With the worker unchanged, an old tab would find its worker in the new precache and the
// stale-tab test would prove nothing.
import type { Plugin, PluginOption, UserConfig } from 'vite';
import project from '../../vite.config.ts';

const mark = process.env.SSD_CAM_WORKER_MARK || 'B';

function markWorker(): Plugin {
  return {
    name: 'ssd-cam-e2e-mark-worker',
    transform(code, id) {
      if (!/[\\/]detector\.worker\.ts$/.test(id.split('?')[0])) return null;
      // plain JavaScript: TypeScript is already compiled away when this runs
      return { code: `${code}\n;globalThis.__ssdCamBuild = ${JSON.stringify(mark)};\n`, map: null };
    },
  };
}

const base = project as UserConfig;
const workerPlugins = base.worker?.plugins;

export default {
  ...base,
  worker: {
    ...base.worker,
    plugins: (): PluginOption[] => [...(workerPlugins?.() ?? []), markWorker()],
  },
} satisfies UserConfig;
