// Imported models in IndexedDB (issue 10, finding 7): listing them on the page reads no weight
// shard, the worker reads an imported model's shards once, records stored in the old
// one-record format are migrated without losing anything, and deleting a model deletes it
// all. Node has no IndexedDB, so fake-indexeddb stands in for the browser's (the real one is
// covered by tests/e2e/model-import.spec.ts); the models and the detection are real.
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { keyedStore } from '../../../src/storage/idb';
import { deleteUserModel, listUserModels, saveUserModel, type UserModelConfig } from '../../../src/storage/user-models/store';
import { resolveDetector, resolveManifest } from '../../../src/worker/load-model';
import { HUMAN, samplePhoto, toArrayBuffer, useWasm } from '../helpers/node-tf';

const DB = 'ssd-cam-user-models';

const centernet = {
  config: { name: 'My CenterNet', adapter: 'centernet', outputs: ['tower_0/detections'], inputSize: 512, inputDtype: 'float32', pixelRange: '0-255', labels: 'coco80' } satisfies UserModelConfig,
  modelJson: () => JSON.parse(fs.readFileSync(path.join(HUMAN, 'models/centernet.json'), 'utf8')),
  shards: () => [toArrayBuffer(fs.readFileSync(path.join(HUMAN, 'models/centernet.bin')))],
};
const handtrack = {
  config: { name: 'Hands', adapter: 'ssd-raw', outputs: ['Identity_2', 'Identity_1'], inputSize: 320, inputDtype: 'int32', pixelRange: '0-255', labels: ['hand'] } satisfies UserModelConfig,
  modelJson: () => JSON.parse(fs.readFileSync(path.join(HUMAN, 'models/handtrack.json'), 'utf8')),
  shards: () => [toArrayBuffer(fs.readFileSync(path.join(HUMAN, 'models/handtrack.bin')))],
};

/**
 * Counts the stored records that come back from IndexedDB carrying weight shards, whatever
 * the store or the way they are read (get, getAll, cursor).
 */
let shardReads = 0;
function countShardReads(): void {
  const carries = (v: unknown) => !!v && typeof v === 'object' && Array.isArray((v as { shards?: unknown }).shards);
  const proto = IDBObjectStore.prototype as unknown as Record<string, (...args: unknown[]) => IDBRequest>;
  for (const method of ['get', 'getAll', 'openCursor']) {
    const original = proto[method];
    proto[method] = function (this: IDBObjectStore, ...args: unknown[]) {
      const request = original.apply(this, args);
      request.addEventListener('success', () => {
        const result = request.result as unknown;
        if (method === 'getAll') shardReads += (result as unknown[]).filter(carries).length;
        else if (method === 'openCursor') shardReads += result && carries((result as IDBCursorWithValue).value) ? 1 : 0;
        else shardReads += carries(result) ? 1 : 0;
      });
      return request;
    };
  }
}

function request<T>(r: IDBRequest<T> | IDBOpenDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result as T);
    r.onerror = () => reject(r.error);
  });
}

/** Writes records the way the first version of the app stored them: one store, one record per model. */
async function writeOldFormat(records: object[]): Promise<void> {
  const open = indexedDB.open(DB, 1);
  open.onupgradeneeded = () => open.result.createObjectStore('models', { keyPath: 'id' });
  const db = await request<IDBDatabase>(open);
  const tx = db.transaction('models', 'readwrite');
  for (const r of records) tx.objectStore('models').put(r);
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

/** Every record of every store, straight from the database at whatever version it is now. */
async function rawContents(): Promise<Map<string, Array<Record<string, unknown>>>> {
  const db = await request<IDBDatabase>(indexedDB.open(DB));
  const out = new Map<string, Array<Record<string, unknown>>>();
  for (const name of [...db.objectStoreNames]) {
    out.set(name, await request(db.transaction(name, 'readonly').objectStore(name).getAll()));
  }
  db.close();
  return out;
}

async function detectsPeople(id: string): Promise<void> {
  const manifest = await resolveManifest(id);
  const detector = await resolveDetector(id, manifest, '');
  try {
    const photo = samplePhoto(1);
    const { detections } = await detector.detect(photo.tensor, { scoreThreshold: 0.4, iouThreshold: 0.5, maxDetections: 50 });
    photo.tensor.dispose();
    expect(detections.filter((d) => d.label === 'person').length).toBeGreaterThanOrEqual(3);
  } finally {
    detector.dispose();
  }
}

beforeAll(async () => {
  await useWasm();
  countShardReads();
});
beforeEach(async () => {
  await request(indexedDB.deleteDatabase(DB));
  shardReads = 0;
});
afterEach(async () => {
  await request(indexedDB.deleteDatabase(DB));
});

describe('imported model storage', () => {
  it('listing imported models reads no weight shard', async () => {
    await saveUserModel({ config: centernet.config, modelJson: centernet.modelJson(), shards: centernet.shards(), sizeBytes: 4_231_963 });
    await saveUserModel({ config: handtrack.config, modelJson: handtrack.modelJson(), shards: handtrack.shards(), sizeBytes: 3_567_649 });
    shardReads = 0;
    const listed = await listUserModels();
    expect(listed.map((l) => [l.config.name, l.sizeBytes])).toEqual([
      ['My CenterNet', 4_231_963],
      ['Hands', 3_567_649],
    ]);
    expect(shardReads).toBe(0);
  });

  it("the worker reads an imported model's shards once, and the model detects", async () => {
    const saved = await saveUserModel({ config: centernet.config, modelJson: centernet.modelJson(), shards: centernet.shards(), sizeBytes: 4_231_963 });
    shardReads = 0;
    await detectsPeople(saved.id);
    expect(shardReads).toBe(1);
  });

  it('a model stored in the old one-record format is migrated: listed without its shards, nothing lost, it loads and detects', async () => {
    const old = [
      { id: 'user-old1', createdAt: 1_700_000_000_000, config: centernet.config, modelJson: centernet.modelJson(), shards: centernet.shards(), sizeBytes: 4_231_963 },
      { id: 'user-old2', createdAt: 1_700_000_000_001, config: handtrack.config, modelJson: handtrack.modelJson(), shards: handtrack.shards(), sizeBytes: 3_567_649 },
    ];
    await writeOldFormat(old);

    const listed = await listUserModels();
    expect(listed).toEqual([
      expect.objectContaining({ id: 'user-old1', createdAt: old[0].createdAt, config: centernet.config, sizeBytes: 4_231_963 }),
      expect.objectContaining({ id: 'user-old2', createdAt: old[1].createdAt, config: handtrack.config, sizeBytes: 3_567_649 }),
    ]);

    // split: the listed store holds no shards; the shards and the graph are kept byte for byte
    const raw = await rawContents();
    const listedStore = raw.get('models') ?? [];
    expect(listedStore.map((r) => r.id)).toEqual(['user-old1', 'user-old2']);
    for (const r of listedStore) {
      expect(r).not.toHaveProperty('shards');
      expect(r).not.toHaveProperty('modelJson');
    }
    const kept = [...raw.values()].flat().filter((r) => 'shards' in r);
    expect(kept.map((r) => r.id).sort()).toEqual(['user-old1', 'user-old2']);
    for (const o of old) {
      const k = kept.find((r) => r.id === o.id)!;
      expect(k.modelJson).toEqual(o.modelJson);
      expect((k.shards as ArrayBuffer[]).map((b) => Buffer.from(b).equals(Buffer.from(o.shards[0])))).toEqual([true]);
    }

    // the dynamic-op graph keeps its execution mode, known without reading its shards
    shardReads = 0;
    expect((await resolveManifest('user-old2')).runtime).toMatchObject({ format: 'graph', execution: 'executeAsync' });
    expect((await resolveManifest('user-old1')).runtime).toMatchObject({ format: 'graph', execution: 'execute' });
    expect(shardReads).toBe(0);
    await detectsPeople('user-old1');
  });

  it('deleting a model deletes its metadata and its shards', async () => {
    const a = await saveUserModel({ config: centernet.config, modelJson: centernet.modelJson(), shards: centernet.shards(), sizeBytes: 1 });
    const b = await saveUserModel({ config: handtrack.config, modelJson: handtrack.modelJson(), shards: handtrack.shards(), sizeBytes: 2 });
    await deleteUserModel(a.id);
    const raw = await rawContents();
    const ids = [...raw.values()].flat().map((r) => r.id);
    expect(ids).not.toContain(a.id);
    expect(ids).toContain(b.id);
    expect((await listUserModels()).map((l) => l.id)).toEqual([b.id]);
    await expect(resolveManifest(a.id)).rejects.toMatchObject({ kind: 'model-missing' });
  });

  it('a one-store database (bench results) still opens and round-trips', async () => {
    const results = keyedStore('ssd-cam-results-test', 'results');
    await results.run('readwrite', (s) => s.put({ id: 'r1', value: 1 }));
    expect(await results.run('readonly', (s) => s.getAll())).toEqual([{ id: 'r1', value: 1 }]);
    await results.run('readwrite', (s) => s.delete('r1'));
    expect(await results.run('readonly', (s) => s.getAll())).toEqual([]);
  });
});
