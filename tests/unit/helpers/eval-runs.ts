// Evaluation runs for the accuracy tests, built the way the app builds them: a small labelled
// set (two classes, boxes of every size range), worker-shaped answers, scored by scoreRun and
// dressed as a stored run. `i` varies the detections, so runs differ in their figures.
import type { EvalRun } from '../../../src/engine/accuracy/eval-runner';
import { scoreRun } from '../../../src/engine/accuracy/eval-score';
import type { EvalSet } from '../../../src/engine/accuracy/eval-set';
import type { EvaluateResponse } from '../../../src/shared/protocol';
import type { StoredEvalRun } from '../../../src/results/eval-export';
import { summarize } from '../../../src/metrics/stats';

export const SAMPLE_SET: EvalSet = {
  name: 'tiny',
  source: 'files:tiny',
  format: 'coco',
  sha256: 'a'.repeat(64),
  dataset: {
    images: [
      { id: 1, file_name: 'a.jpg', width: 400, height: 300 },
      { id: 2, file_name: 'b.jpg', width: 400, height: 300 },
    ],
    annotations: [
      { id: 1, image_id: 1, category_id: 3, bbox: [10, 10, 200, 200], area: 40000, iscrowd: 0 },
      { id: 2, image_id: 1, category_id: 5, bbox: [250, 20, 60, 80], area: 4800, iscrowd: 0 },
      { id: 3, image_id: 2, category_id: 3, bbox: [100, 100, 20, 20], area: 400, iscrowd: 0 },
      { id: 4, image_id: 2, category_id: 5, bbox: [300, 150, 90, 140], area: 12600, iscrowd: 0 },
    ],
    categories: [
      { id: 3, name: 'face' },
      { id: 5, name: 'person' },
      { id: 9, name: 'unicorn' },
    ],
  },
  images: [
    { id: 1, file: 'a.jpg', width: 400, height: 300, url: 'local:a.jpg' },
    { id: 2, file: 'b.jpg', width: 400, height: 300, url: 'local:b.jpg' },
  ],
};

const box = (x: number, y: number, w: number, h: number) => ({ x: x / 400, y: y / 300, width: w / 400, height: h / 300 });

function answer(imageId: number, detections: EvaluateResponse['detections']): EvaluateResponse {
  return {
    type: 'evaluate', id: imageId, imageId, width: 400, height: 300, detections,
    timings: { preprocessMs: 4, inferenceMs: 40, postprocessMs: 2, totalMs: 46 } as EvaluateResponse['timings'],
    decodeMs: 3, decodeWaitMs: 0, numTensors: 10, numBytes: 100,
  };
}

export function sampleRun(i = 0, overrides: Partial<StoredEvalRun> = {}): StoredEvalRun {
  const shift = i * 6;
  const answers = [
    {
      image: SAMPLE_SET.images[0],
      answer: answer(1, [
        { label: 'face', classId: 1, score: 0.9, box: box(12 + shift, 8, 198, 204) },
        { label: 'person', classId: 2, score: 0.6, box: box(248, 22, 62, 78) },
        { label: 'cat', classId: 3, score: 0.4, box: box(0, 0, 50, 50) },
      ] as EvaluateResponse['detections']),
    },
    {
      image: SAMPLE_SET.images[1],
      answer: answer(2, [
        { label: 'face', classId: 1, score: 0.3, box: box(101, 99, 20, 21) },
        { label: 'person', classId: 2, score: 0.7, box: box(10, 10, 40, 40) },
        { label: 'person', classId: 2, score: 0.55 - i * 0.01, box: box(302 + shift, 150, 88, 140) },
      ] as EvaluateResponse['detections']),
    },
  ];
  const scored = scoreRun(SAMPLE_SET, ['', 'face', 'person', 'cat'], answers);
  const totalMs = summarize([46, 46]);
  const run: EvalRun = {
    ...scored.accuracy,
    id: `eval-face-wasm-${i}`,
    createdAt: new Date(Date.UTC(2026, 10, 23, 14, 0, i)).toISOString(),
    appVersion: 'test',
    device: {
      label: 'Linux x86_64, 2 cores', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)', platform: 'Linux x86_64', cores: 2, memoryGiB: 8, gpu: null,
      wasm: { simd: true, threads: 2, crossOriginIsolated: true }, screen: '1280x800 @1x',
    },
    model: { id: 'ssd-mobilenet-v1-face', name: 'SSD MobileNetV1 · faces', labels: ['', 'face', 'person', 'cat'] },
    backend: 'wasm',
    requestedBackend: 'wasm',
    adapter: 'WASM SIMD, 2 threads',
    wasm: { simd: true, threads: 2 },
    fallbackReason: null,
    set: { name: 'tiny', source: 'files:tiny', format: 'coco', sha256: SAMPLE_SET.sha256, images: 2, annotations: 4, categories: 3, limit: null },
    protocol: { scoreThreshold: 0.001, maxDetections: 100, iouThreshold: 0.5 },
    speed: {
      images: 2, wallS: 1, imagesPerSecond: 2 + i, pipelineFps: 21.7, totalMs, inferenceMs: summarize([40, 40]), preprocessMs: summarize([4, 4]),
      postprocessMs: summarize([2, 2]), decodeMs: summarize([3, 3]), decodeWaitMs: summarize([0, 0]), scoreMs: 1,
      coldStartMs: { backendMs: 20, loadMs: 300, warmupMs: 400 },
    },
    labels: scored.labels,
    detections: scored.detections,
    skippedImages: [],
    warnings: [],
  };
  return { ...run, ...overrides };
}
