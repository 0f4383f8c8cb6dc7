// A labelled set from files picked in the app: image sizes read from the files' headers (the
// face-api sample photos and hand-made PNG/GIF/WebP/BMP headers), the reader chosen by what
// the folder holds (COCO instances.json, VOC .xml, YOLO .txt with classes.txt), images handed
// to the runner from memory by key, and refusals that name the file and the line or field.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalSetError, readLocalSet, stripCommonFolder, type LocalFile } from '../../../src/engine/accuracy/eval-set-files';
import { imageSizeFromHeader } from '../../../src/engine/accuracy/image-size';
import { loadFaceReference } from '../helpers/face-reference';

const DEMO = 'node_modules/@vladmandic/face-api/demo';
const REFERENCE = { photos: loadFaceReference() };
const photo = (name: string) => readFileSync(join(DEMO, name));
const file = (path: string, data: string | Uint8Array) => ({ path, file: new Blob([data as BlobPart]) });
const noDecode = async () => {
  throw new Error('no decoder in Node');
};

describe('image sizes from headers', () => {
  it('reads every sample photo’s JPEG frame size', () => {
    for (const p of REFERENCE.photos) expect(imageSizeFromHeader(photo(p.file)), p.file).toEqual({ width: p.width, height: p.height });
  });

  it('reads PNG, GIF, WebP (VP8X, VP8L, VP8) and BMP headers, and nothing from other bytes', () => {
    expect(imageSizeFromHeader(readFileSync(join(DEMO, 'facemesh.png')))).toEqual({ width: 414, height: 394 });
    const bytes = (...parts: (number[] | string)[]) =>
      Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
    const u32le = (v: number) => [v & 255, (v >> 8) & 255, (v >> 16) & 255, (v >>> 24) & 255];
    const u24le = (v: number) => [v & 255, (v >> 8) & 255, (v >> 16) & 255];
    expect(imageSizeFromHeader(bytes('GIF89a', [0x40, 0x01, 0xf0, 0x00], [0, 0]))).toEqual({ width: 320, height: 240 });
    expect(imageSizeFromHeader(bytes('RIFF', u32le(100), 'WEBP', 'VP8X', u32le(10), [0, 0, 0, 0], u24le(639), u24le(479)))).toEqual({ width: 640, height: 480 });
    const lossless = (640 - 1) | ((480 - 1) << 14);
    expect(imageSizeFromHeader(bytes('RIFF', u32le(100), 'WEBP', 'VP8L', u32le(10), [0x2f], u32le(lossless), [0, 0, 0, 0, 0]))).toEqual({ width: 640, height: 480 });
    expect(imageSizeFromHeader(bytes('RIFF', u32le(100), 'WEBP', 'VP8 ', u32le(10), [0, 0, 0, 0x9d, 0x01, 0x2a], [0x80, 0x02, 0xe0, 0x01]))).toEqual({ width: 640, height: 480 });
    expect(imageSizeFromHeader(bytes('BM', u32le(0), u32le(0), u32le(54), u32le(40), u32le(33), u32le(-17 >>> 0), [0, 0]))).toEqual({ width: 33, height: 17 });
    expect(imageSizeFromHeader(bytes('hello, not an image at all'))).toBeNull();
    // a JPEG cut before its frame header
    expect(imageSizeFromHeader(photo('sample1.jpg').subarray(0, 20))).toBeNull();
  });
});

describe('a set from picked files', () => {
  const [p1, p2] = REFERENCE.photos;
  const coco = (width = p1.width) =>
    JSON.stringify({
      images: [
        { id: 11, file_name: p1.file, width, height: p1.height },
        { id: 12, file_name: p2.file, width: p2.width, height: p2.height },
      ],
      annotations: p1.faces.map((f, i) => ({ id: i + 1, image_id: 11, category_id: 1, bbox: [f.box.x, f.box.y, f.box.width, f.box.height], area: 100, iscrowd: 0 })),
      categories: [{ id: 1, name: 'face' }],
    });

  it('COCO: the folder’s name, the annotations’ hash, images by key in the set’s order, handed back from memory', async () => {
    const instances = coco();
    const picked: LocalFile[] = [
      file('faces/instances.json', instances),
      file(`faces/images/${p2.file}`, photo(p2.file)),
      file(`faces/images/${p1.file}`, photo(p1.file)),
      file('faces/.DS_Store', 'junk'),
    ];
    const { set, fetchImage } = await readLocalSet(picked, { decodeSize: noDecode });
    expect(set).toMatchObject({ name: 'faces', format: 'coco', sha256: createHash('sha256').update(instances).digest('hex') });
    expect(set.images.map((i) => [i.id, i.file, i.url])).toEqual([
      [11, p1.file, `local:images/${p1.file}`],
      [12, p2.file, `local:images/${p2.file}`],
    ]);
    expect(set.dataset.annotations).toHaveLength(p1.faces.length);
    const blob = await fetchImage(set.images[0].url, new AbortController().signal);
    expect(blob.size).toBe(photo(p1.file).length);
    await expect(fetchImage('local:elsewhere.jpg', new AbortController().signal)).rejects.toThrow(/not among the picked files/);
  });

  it('COCO: an image whose size differs from its labels is refused, naming the field', async () => {
    const picked = [file('instances.json', coco(1000)), file(`images/${p1.file}`, photo(p1.file)), file(`images/${p2.file}`, photo(p2.file))];
    const error = await readLocalSet(picked, { decodeSize: noDecode }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalSetError);
    expect((error as LocalSetError).refusal).toMatchObject({ code: 'size-mismatch', file: 'instances.json', field: 'images[0].width' });
  });

  it('YOLO: sizes from the headers make the boxes pixels; a README is not a labels file', async () => {
    const picked = [
      file('yolo/classes.txt', 'face\nperson\n'),
      file('yolo/README.txt', 'A small set of faces.'),
      file(`yolo/labels/${p1.file.replace('.jpg', '.txt')}`, '0 0.5 0.5 0.25 0.5\n1 0.25 0.25 0.1 0.1\n'),
      file(`yolo/images/${p1.file}`, photo(p1.file)),
    ];
    const { set } = await readLocalSet(picked, { decodeSize: noDecode });
    expect(set.format).toBe('yolo');
    expect(set.images).toEqual([{ id: 1, file: `images/${p1.file}`, width: p1.width, height: p1.height, url: `local:images/${p1.file}` }]);
    expect(set.dataset.annotations[0].bbox).toEqual([0.375 * p1.width, 0.25 * p1.height, 0.25 * p1.width, 0.5 * p1.height]);
    expect(set.dataset.categories.map((c) => c.name)).toEqual(['face', 'person']);
  });

  it('YOLO: a box outside its image is refused with the labels file and its line', async () => {
    const picked = [
      file('classes.txt', 'face\n'),
      file('labels/sample1.txt', '0 0.5 0.5 0.25 0.5\n0 0.95 0.5 0.3 0.2\n'),
      file(`images/${p1.file}`, photo(p1.file)),
    ];
    const error = (await readLocalSet(picked, { decodeSize: noDecode }).catch((e: unknown) => e)) as LocalSetError;
    expect(error.refusal).toMatchObject({ code: 'box-outside-image', file: 'labels/sample1.txt', line: 2 });
  });

  it('Pascal VOC: one XML per image, classes from the names file when there is one', async () => {
    const xml = `<annotation><filename>${p1.file}</filename><size><width>${p1.width}</width><height>${p1.height}</height></size>
      <object><name>face</name><bndbox><xmin>10</xmin><ymin>20</ymin><xmax>110</xmax><ymax>220</ymax></bndbox></object></annotation>`;
    const { set } = await readLocalSet([file('voc/Annotations/a.xml', xml), file(`voc/JPEGImages/${p1.file}`, photo(p1.file))], { decodeSize: noDecode });
    expect(set).toMatchObject({ name: 'voc', format: 'voc' });
    expect(set.dataset.annotations[0].bbox).toEqual([10, 20, 100, 200]);
    expect(set.images[0].url).toBe(`local:JPEGImages/${p1.file}`);
  });

  it('says what is missing when no reader applies, and names an image nothing can read', async () => {
    const problem = async (picked: LocalFile[]) => ((await readLocalSet(picked, { decodeSize: noDecode }).catch((e: unknown) => e)) as LocalSetError).problem;
    expect(await problem([])).toBe('no-files');
    expect(await problem([file(`a/${p1.file}`, photo(p1.file))])).toBe('no-labels');
    expect(await problem([file('instances.json', coco())])).toBe('no-images');
    const broken = (await readLocalSet([file('instances.json', coco()), file('images/x.jpg', 'not a jpeg')], { decodeSize: noDecode }).catch((e: unknown) => e)) as LocalSetError;
    expect(broken).toMatchObject({ problem: 'unreadable-image', file: 'images/x.jpg' });
  });

  it('strips the folder every path shares, and only that', () => {
    expect(stripCommonFolder([file('s/a.jpg', ''), file('s/x/b.txt', '')]).folder).toBe('s');
    expect(stripCommonFolder([file('s/a.jpg', ''), file('t/b.txt', '')]).folder).toBeNull();
    expect(stripCommonFolder([file('a.jpg', '')]).folder).toBeNull();
  });
});
