// TensorFlow.js in Node for unit tests: the same WASM backend the app uses in the browser
// (tfjs-node would need a native download, which this project never does).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import fs from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { decodeWeights, parseWeightsManifest } from '../../../src/detection/weights-loader';

export const ROOT = path.resolve(__dirname, '../../..');
export const FACE_API = path.join(ROOT, 'node_modules/@vladmandic/face-api');

export async function useWasm(): Promise<void> {
  await tf.setBackend('wasm');
  await tf.ready();
}

export function toArrayBuffer(buf: Buffer): ArrayBuffer {
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

/** The face model's weights straight from the installed package, decoded by our loader. */
export function faceWeights(): tf.NamedTensorMap {
  const dir = path.join(FACE_API, 'model');
  const manifest = parseWeightsManifest(JSON.parse(fs.readFileSync(path.join(dir, 'ssd_mobilenetv1_model-weights_manifest.json'), 'utf8')));
  return decodeWeights(manifest, [toArrayBuffer(fs.readFileSync(path.join(dir, 'ssd_mobilenetv1_model.bin')))]);
}

export function samplePhoto(n: number): { tensor: tf.Tensor3D; width: number; height: number } {
  const img = jpeg.decode(fs.readFileSync(path.join(FACE_API, `demo/sample${n}.jpg`)), { useTArray: true, formatAsRGBA: false });
  return { tensor: tf.tensor3d(img.data, [img.height, img.width, 3], 'int32'), width: img.width, height: img.height };
}

/** A graph model from an installed package's model.json + shards, without fetch. */
export async function packageGraphModel(modelJsonPath: string): Promise<GraphModel> {
  const dir = path.dirname(modelJsonPath);
  const json = JSON.parse(fs.readFileSync(modelJsonPath, 'utf8'));
  const specs = json.weightsManifest.flatMap((g: { weights: unknown[] }) => g.weights);
  const shards = json.weightsManifest.flatMap((g: { paths: string[] }) => g.paths).map((p: string) => fs.readFileSync(path.join(dir, p)));
  const weightData = toArrayBuffer(Buffer.concat(shards));
  return loadGraphModel(
    tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData, format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy, signature: json.signature }),
  );
}

export const HUMAN = path.join(ROOT, 'node_modules/@vladmandic/human');
