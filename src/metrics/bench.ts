import type { BenchResponse, FrameProfile, ReadyInfo, StageTimings, SustainedRun } from '../shared/protocol';
import { summarize, type Summary } from './stats';

// One bench row from what the worker measured: cold start apart from steady state, per-stage
// statistics, fps, the pipeline's share of bare model speed, and achieved mult-adds per second
// against the backend's measured matmul throughput. Pure, so the arithmetic is unit tested.

export interface BenchRow {
  model: string;
  modelName: string;
  group: string;
  trained: boolean;
  backend: string;
  requestedBackend: string;
  fallbackReason?: string;
  adapter: string;
  wasmThreads?: number;
  inputSize: number;
  params: number | null;
  multAdds: number | null;
  coldStart: { backendMs: number; loadMs: number; firstInferenceMs: number; totalMs: number };
  frames: number;
  stages: Record<'preprocessMs' | 'inferenceMs' | 'readbackMs' | 'postprocessMs' | 'totalMs', Summary>;
  /** frames per second through the whole pipeline, back to back: 1000 / mean total */
  fps: number;
  bareMs: Summary;
  /** 1000 / mean bare model time */
  bareFps: number;
  /** fps / bareFps: the share of bare model speed the pipeline keeps (budget: >= 0.9) */
  pipelineEfficiency: number;
  /** multAdds / median inference time, G mult-adds per second (null when not counted) */
  achievedGmacs: number | null;
  peakGmacs: number;
  /** achievedGmacs / peakGmacs */
  shareOfPeak: number | null;
  memory: { tensorsBefore: number; tensorsAfter: number; bytesBefore: number; bytesAfter: number };
  /** profile mode: one frame kernel by kernel */
  profile?: FrameProfile;
  /** sustained mode: the speed over time */
  sustained?: SustainedRun;
}

const column = (samples: StageTimings[], key: keyof StageTimings) => summarize(samples.map((s) => s[key]));

export function benchRow(ready: ReadyInfo, bench: BenchResponse): BenchRow {
  const stages = {
    preprocessMs: column(bench.samples, 'preprocessMs'),
    inferenceMs: column(bench.samples, 'inferenceMs'),
    readbackMs: column(bench.samples, 'readbackMs'),
    postprocessMs: column(bench.samples, 'postprocessMs'),
    totalMs: column(bench.samples, 'totalMs'),
  };
  const bareMs = summarize(bench.bareMs);
  const fps = 1000 / stages.totalMs.mean;
  const bareFps = 1000 / bareMs.mean;
  const multAdds = ready.model.multAdds;
  const achievedGmacs = multAdds === null ? null : multAdds / (stages.inferenceMs.p50 / 1000) / 1e9;
  return {
    model: ready.model.id,
    modelName: ready.model.name,
    group: ready.model.group,
    trained: ready.model.trained,
    backend: ready.backend,
    requestedBackend: ready.requestedBackend,
    ...(ready.fallbackReason ? { fallbackReason: ready.fallbackReason } : {}),
    adapter: ready.adapter,
    ...(ready.wasm ? { wasmThreads: ready.wasm.threads } : {}),
    inputSize: ready.model.inputSize,
    params: ready.model.params,
    multAdds,
    coldStart: {
      backendMs: ready.backendMs,
      loadMs: ready.loadMs,
      firstInferenceMs: ready.warmupMs,
      totalMs: ready.backendMs + ready.loadMs + ready.warmupMs,
    },
    frames: bench.samples.length,
    stages,
    fps,
    bareMs,
    bareFps,
    pipelineEfficiency: fps / bareFps,
    achievedGmacs,
    peakGmacs: bench.peakGmacs,
    shareOfPeak: achievedGmacs === null ? null : achievedGmacs / bench.peakGmacs,
    memory: {
      tensorsBefore: bench.memoryBefore.numTensors,
      tensorsAfter: bench.memoryAfter.numTensors,
      bytesBefore: bench.memoryBefore.numBytes,
      bytesAfter: bench.memoryAfter.numBytes,
    },
    ...(bench.profile ? { profile: bench.profile } : {}),
    ...(bench.sustained ? { sustained: bench.sustained } : {}),
  };
}
