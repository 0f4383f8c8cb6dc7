import { openDatabase, type Schema } from '../idb';
import { executionFor, type Execution } from './execution';
import type { KerasLayer } from '../../detection/keras/keras-weights';
import type { KerasSsdParams } from '../../detection/keras/ssd-keras-params';
import type { CompatReport } from '../../shared/compat-report';
import type { GraphModelJson } from './validate';

// Imported models live in IndexedDB, which both the page (import, list, delete) and the
// detection worker (load) can open: the weights never travel through postMessage.
// Two stores keyed by the model id: `models` holds the small metadata the page lists at every
// start, `weights` the graph and its shards (up to 300 MB), read only by the worker that loads
// the model. Version 1 kept both in one record in `models`; the upgrade to 2 splits them.

export type PixelRange = '0-255' | '0-1' | '-1-1';

export interface UserModelConfig {
  name: string;
  /** how to read the outputs */
  adapter: 'centernet' | 'postprocessed' | 'ssd-raw' | 'yolov8' | 'yolov5' | 'ssd-keras';
  /** output node names in the order the adapter reads them */
  outputs: string[];
  inputSize: number;
  inputDtype: 'float32' | 'int32';
  pixelRange: PixelRange;
  labels: 'coco80' | 'coco90' | 'voc20' | string[];
  /** ssd-raw: does score column 0 hold the background class? */
  scoresIncludeBackground?: boolean;
  /** how a frame becomes the square input: stretched (default) or padded to a square first
   * (a letterbox, as Ultralytics trains), which keeps the aspect ratio */
  resize?: 'stretch' | 'pad-square';
  /** ssd-keras: the training parameters (from the form) and the classes read off the heads,
   * with the background */
  keras?: { params: KerasSsdParams; numClasses: number };
}

/** What the page lists: everything but the graph and the weights. */
export interface UserModelListing {
  id: string;
  createdAt: number;
  config: UserModelConfig;
  sizeBytes: number;
  /** how the graph runs (from its ops); absent only in records a failed migration left behind */
  execution?: Execution;
  /** what it did on each backend when checked on import (kept with it) */
  report?: CompatReport;
  /** stored only for the compatibility check, not yet saved by the user: never listed, and
   * removed at the next listing if a check was cut short */
  temporary?: boolean;
}

/** What the worker loads. */
export interface UserModelWeights {
  id: string;
  /** a graph model's topology and weights manifest (empty for ssd_keras weights) */
  modelJson: GraphModelJson;
  /** shard contents in manifest order; ssd_keras weights: one float32 buffer */
  shards: ArrayBuffer[];
  /** ssd_keras weights: the layers and where each weight lies in shards[0] */
  keras?: { layers: KerasLayer[] };
}

export type NewUserModel = Omit<UserModelListing, 'id' | 'createdAt' | 'execution'> & Omit<UserModelWeights, 'id'>;

const META = 'models';
const WEIGHTS = 'weights';

export const USER_MODELS_SCHEMA: Schema = {
  version: 2,
  upgrade(db, tx, oldVersion) {
    if (oldVersion < 1) db.createObjectStore(META, { keyPath: 'id' });
    if (oldVersion < 2) {
      db.createObjectStore(WEIGHTS, { keyPath: 'id' });
      if (oldVersion >= 1) splitVersion1(tx.objectStore(META), tx.objectStore(WEIGHTS));
    }
  },
};

/**
 * Version 1 → 2: each record becomes its metadata (kept in `models`) and its graph and shards
 * (moved to `weights`). One record at a time through a cursor, inside the upgrade's
 * transaction: if anything fails the upgrade aborts and version 1 stays as it was.
 */
function splitVersion1(meta: IDBObjectStore, weights: IDBObjectStore): void {
  const cursorRequest = meta.openCursor();
  cursorRequest.onsuccess = () => {
    const cursor = cursorRequest.result;
    if (!cursor) return;
    const { modelJson, shards, ...listing } = cursor.value as UserModelListing & Partial<UserModelWeights>;
    if (modelJson !== undefined || shards !== undefined) {
      weights.put({ id: listing.id, modelJson, shards: shards ?? [] });
      cursor.update({ ...listing, execution: listing.execution ?? executionFor(modelJson as GraphModelJson) } satisfies UserModelListing);
    }
    cursor.continue();
  };
}

const db = openDatabase('ssd-cam-user-models', USER_MODELS_SCHEMA);

export const USER_MODEL_PREFIX = 'user-';

export function isUserModelId(id: string): boolean {
  return id.startsWith(USER_MODEL_PREFIX);
}

function newId(): string {
  // time for order, a random tail so two imports in one millisecond never overwrite each other
  return `${USER_MODEL_PREFIX}${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, '0')}`;
}

/** Stores metadata and weights in one transaction: both or neither. */
export async function saveUserModel(model: NewUserModel): Promise<UserModelListing> {
  const { modelJson, shards, keras, ...rest } = model;
  const listing: UserModelListing = { ...rest, id: newId(), createdAt: Date.now(), execution: executionFor(modelJson) };
  await db.run([META, WEIGHTS], 'readwrite', (tx) => {
    tx.objectStore(WEIGHTS).put({ id: listing.id, modelJson, shards, ...(keras ? { keras } : {}) } satisfies UserModelWeights);
    return tx.objectStore(META).put(listing);
  });
  return listing;
}

/** The metadata of every imported model, oldest first; no weights are read. */
export async function listUserModels(): Promise<UserModelListing[]> {
  const all = await db.run(META, 'readonly', (tx) => tx.objectStore(META).getAll() as IDBRequest<UserModelListing[]>);
  return all.filter((m) => !m.temporary).sort((a, b) => a.createdAt - b.createdAt);
}

/** Removes models stored for a compatibility check that never finished (a closed tab). */
export async function removeTemporaryModels(): Promise<void> {
  const all = await db.run(META, 'readonly', (tx) => tx.objectStore(META).getAll() as IDBRequest<UserModelListing[]>);
  for (const m of all.filter((x) => x.temporary)) await deleteUserModel(m.id);
}

export async function getUserModelListing(id: string): Promise<UserModelListing | undefined> {
  return db.run(META, 'readonly', (tx) => tx.objectStore(META).get(id) as IDBRequest<UserModelListing | undefined>);
}

/** The graph and shards: for the worker that loads the model, once per load. */
export async function getUserModelWeights(id: string): Promise<UserModelWeights | undefined> {
  return db.run(WEIGHTS, 'readonly', (tx) => tx.objectStore(WEIGHTS).get(id) as IDBRequest<UserModelWeights | undefined>);
}

/** Deletes metadata and weights in one transaction. */
export async function deleteUserModel(id: string): Promise<void> {
  await db.run([META, WEIGHTS], 'readwrite', (tx) => {
    tx.objectStore(WEIGHTS).delete(id);
    return tx.objectStore(META).delete(id);
  });
}
