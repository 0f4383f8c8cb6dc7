import { keyedStore } from '../idb';
import type { GraphModelJson } from './validate';

// Imported models live in IndexedDB, which both the page (import, list, delete) and the
// detection worker (load) can open: the weights never travel through postMessage.

export type PixelRange = '0-255' | '0-1' | '-1-1';

export interface UserModelConfig {
  name: string;
  /** how to read the outputs */
  adapter: 'centernet' | 'postprocessed' | 'ssd-raw';
  /** output node names in the order the adapter reads them */
  outputs: string[];
  inputSize: number;
  inputDtype: 'float32' | 'int32';
  pixelRange: PixelRange;
  labels: 'coco80' | 'coco90' | string[];
  /** ssd-raw: does score column 0 hold the background class? */
  scoresIncludeBackground?: boolean;
}

export interface UserModelRecord {
  id: string;
  createdAt: number;
  config: UserModelConfig;
  modelJson: GraphModelJson;
  shards: ArrayBuffer[];
  sizeBytes: number;
}

export type UserModelListing = Omit<UserModelRecord, 'modelJson' | 'shards'>;

const store = keyedStore('ssd-cam-user-models', 'models');
const run = store.run.bind(store);

export const USER_MODEL_PREFIX = 'user-';

export function isUserModelId(id: string): boolean {
  return id.startsWith(USER_MODEL_PREFIX);
}

export async function saveUserModel(record: Omit<UserModelRecord, 'id' | 'createdAt'>): Promise<UserModelListing> {
  const full: UserModelRecord = { ...record, id: `${USER_MODEL_PREFIX}${Date.now().toString(36)}`, createdAt: Date.now() };
  await run('readwrite', (s) => s.put(full));
  const { modelJson: _json, shards: _shards, ...listing } = full;
  return listing;
}

export async function getUserModel(id: string): Promise<UserModelRecord | undefined> {
  return run('readonly', (s) => s.get(id) as IDBRequest<UserModelRecord | undefined>);
}

export async function listUserModels(): Promise<UserModelListing[]> {
  const all = await run('readonly', (s) => s.getAll() as IDBRequest<UserModelRecord[]>);
  return all.map(({ modelJson: _json, shards: _shards, ...listing }) => listing).sort((a, b) => a.createdAt - b.createdAt);
}

export async function deleteUserModel(id: string): Promise<void> {
  await run('readwrite', (s) => s.delete(id));
}
