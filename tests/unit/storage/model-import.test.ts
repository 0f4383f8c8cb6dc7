import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ImportError, validateModelFiles, type ImportFile } from '../../../src/storage/user-models/validate';
import { HUMAN } from '../helpers/node-tf';

// The files a user would pick: the real centernet model from @vladmandic/human, and broken
// variants of it.

function file(name: string, bytes: Uint8Array | string): ImportFile {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return {
    name,
    size: data.byteLength,
    arrayBuffer: async () => data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer,
    text: async () => new TextDecoder().decode(data),
  };
}
const modelJson = () => fs.readFileSync(path.join(HUMAN, 'models/centernet.json'), 'utf8');
const shard = () => new Uint8Array(fs.readFileSync(path.join(HUMAN, 'models/centernet.bin')));

async function refused(files: ImportFile[], kind: string, text: RegExp, maxBytes?: number) {
  const error = await validateModelFiles(files, maxBytes).catch((e) => e);
  expect(error).toBeInstanceOf(ImportError);
  expect(error.kind).toBe(kind);
  expect(error.message).toMatch(text);
  return error as ImportError;
}

/** A file that counts how often its bytes are read. */
function counted(f: ImportFile): ImportFile & { reads: number } {
  const out = { ...f, reads: 0 };
  out.arrayBuffer = async () => {
    out.reads++;
    return f.arrayBuffer();
  };
  return out;
}

describe('user model validation', () => {
  it('accepts the centernet graph model with its shard', async () => {
    const v = await validateModelFiles([file('centernet.json', modelJson()), file('centernet.bin', shard())]);
    expect(v.inputShape).toEqual([1, 512, 512, 3]);
    expect(v.inputName).toBe('tower_0/images');
    expect(v.signatureOutputs).toContain('tower_0/detections');
    expect(v.shards.map((s) => s.byteLength)).toEqual([shard().byteLength]);
  });

  it('refuses a truncated shard', async () => {
    await refused([file('centernet.json', modelJson()), file('centernet.bin', shard().slice(0, 1000))], 'shard-size', /truncated/);
  });

  it('refuses a missing shard, naming it', async () => {
    await refused([file('centernet.json', modelJson())], 'missing-shard', /centernet\.bin/);
  });

  it('refuses a broken model.json', async () => {
    await refused([file('model.json', modelJson().slice(0, 500)), file('centernet.bin', shard())], 'bad-json', /not valid JSON/);
  });

  it('refuses JSON that is not a graph model', async () => {
    await refused([file('model.json', JSON.stringify({ format: 'layers-model', modelTopology: { config: {} } }))], 'not-graph-model', /graph model/);
  });

  it('refuses a model.json that claims more weights than the cap, before reading any shard', async () => {
    const json = JSON.parse(modelJson());
    json.weightsManifest[0].weights.push({ name: 'huge', shape: [1024, 1024, 1024], dtype: 'float32' });
    await refused([file('centernet.json', JSON.stringify(json)), file('centernet.bin', shard())], 'too-large', /describes 4\d{3} MB/);
  });

  it('refuses files over the size cap', async () => {
    await refused([file('centernet.json', modelJson()), file('centernet.bin', shard())], 'too-large', /limit is 1 MB/, 1024 * 1024);
  });

  it('refuses a model whose input is not an image', async () => {
    const json = JSON.parse(modelJson());
    json.signature.inputs['tower_0/images'].tensorShape.dim = [{ size: '1' }, { size: '100' }];
    await refused([file('centernet.json', JSON.stringify(json)), file('centernet.bin', shard())], 'bad-input', /\[batch, height, width, 3\]/);
  });

  // Low finding (issue 10): a shard listed 1,000 times was read 1,000 times before the total
  // was checked. The manifest is checked first: a path listed twice is refused unread.
  it('refuses a shard listed 1,000 times without reading it', async () => {
    const json = JSON.parse(modelJson());
    json.weightsManifest[0].paths = Array(1000).fill('centernet.bin');
    const bin = counted(file('centernet.bin', shard()));
    const error = await refused([file('centernet.json', JSON.stringify(json)), bin], 'not-graph-model', /centernet\.bin.*more than once/);
    expect(error.file).toBe('centernet.json');
    expect(error.field).toBe('weightsManifest[0].paths[1]');
    expect(bin.reads).toBe(0);
  });

  it('checks the shard sizes the manifest declares before reading any shard', async () => {
    const bin = counted(file('centernet.bin', shard().slice(0, 1000)));
    const error = await refused([file('centernet.json', modelJson()), bin], 'shard-size', /truncated/);
    expect(error.file).toBe('centernet.bin');
    expect(bin.reads).toBe(0);
  });

  // Low finding (issue 10): BYTES[dtype] read inherited values for 'constructor', '__proto__'.
  for (const dtype of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
    it(`refuses dtype '${dtype}' as a dtype, naming the weight and the field`, async () => {
      const json = JSON.parse(modelJson());
      json.weightsManifest[0].weights[1].dtype = dtype;
      const error = await refused([file('centernet.json', JSON.stringify(json)), file('centernet.bin', shard())], 'not-graph-model', new RegExp(`dtype '${dtype}'`));
      expect(error.field).toBe('weightsManifest[0].weights[1].dtype');
      expect(error.message).toContain('weightsManifest[0].weights[1].dtype');
    });
    it(`refuses quantization dtype '${dtype}'`, async () => {
      const json = JSON.parse(modelJson());
      json.weightsManifest[0].weights[0].quantization.dtype = dtype;
      const error = await refused([file('centernet.json', JSON.stringify(json)), file('centernet.bin', shard())], 'not-graph-model', new RegExp(`dtype '${dtype}'`));
      expect(error.field).toBe('weightsManifest[0].weights[0].quantization.dtype');
    });
  }
});
