import type { SsdArchitecture } from '../ssd/architecture';
import { FACE_ARCHITECTURE } from './face-architecture';
import { mobilenetV1Ssd300, vggSsd300 } from './speed-only';

// Every SSD we build in code, by the id manifests use in runtime.architecture. No
// TensorFlow.js here, so the main thread can count costs from it.
export const ARCHITECTURES: Record<string, () => SsdArchitecture> = {
  'ssd-mobilenet-v1-face': () => FACE_ARCHITECTURE,
  'vgg11-ssd300': () => vggSsd300('vgg11'),
  'vgg13-ssd300': () => vggSsd300('vgg13'),
  'vgg16-ssd300': () => vggSsd300('vgg16'),
  'vgg19-ssd300': () => vggSsd300('vgg19'),
  'mobilenet-v1-10-ssd300': () => mobilenetV1Ssd300(1),
  'mobilenet-v1-075-ssd300': () => mobilenetV1Ssd300(0.75),
  'mobilenet-v1-05-ssd300': () => mobilenetV1Ssd300(0.5),
  'mobilenet-v1-025-ssd300': () => mobilenetV1Ssd300(0.25),
};

export function architecture(id: string): SsdArchitecture {
  const make = ARCHITECTURES[id];
  if (!make) throw new Error(`unknown SSD architecture '${id}'`);
  return make();
}
