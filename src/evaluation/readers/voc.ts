// Reads a Pascal VOC set: one XML per image (filename, size, objects with name, difficult and
// bndbox xmin ymin xmax ymax). Coordinates are taken as pixel edges, as labelling tools write
// them: box [xmin, ymin, xmax - xmin, ymax - ymin] (the original devkit's 1-based inclusive
// pixels differ by at most a pixel). "difficult" objects become ignore regions (iscrowd 1), as
// VOC-to-COCO converters do. Area is the box's w*h.

import type { Dataset, DatasetAnnotation, DatasetImage } from '../types.ts';
import { attempt, checkInside, imageLookup, refuse, stem, type ReadResult } from './refusal.ts';
import { child, children, parseXml, type XmlElement } from './xml.ts';
import type { TextFile } from './yolo.ts';

export interface VocInput {
  files: readonly TextFile[];
  /** the images found with the set: each XML's image must be among them; sizes checked when known */
  images?: readonly { name: string; width?: number; height?: number }[];
  /** the class list in order (ids 1..n); without it, the names found, sorted */
  classes?: readonly string[];
}

function number(el: XmlElement | undefined, file: string, field: string, line: number): number {
  const v = el ? Number(el.text) : NaN;
  if (!el || el.text === '' || !Number.isFinite(v)) {
    refuse({ code: 'malformed-field', file, field, line: el?.line ?? line }, `<${field.split('/').pop()}> must be a number`);
  }
  return v;
}

export function readVoc(input: VocInput): ReadResult<Dataset> {
  return attempt(() => {
    const byName = input.images ? imageLookup(input.images) : undefined;
    const byStem = new Map((input.images ?? []).map((i) => [stem(i.name), i]));
    // the XML's <filename>, or an image named like the XML file when it has none
    const find = byName && ((named: string | undefined, xml: string) => (named ? byName(named) : byStem.get(stem(xml))));
    const files = [...input.files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const parsed = files.map((f) => {
      const root = parseXml(f.text, f.name);
      if (root.name !== 'annotation') refuse({ code: 'malformed-file', file: f.name, line: root.line }, `the root element is <${root.name}>, not <annotation>`);
      return { file: f.name, root };
    });

    const classList = input.classes ? [...input.classes] : [...new Set(parsed.flatMap((p) => children(p.root, 'object').map((o) => child(o, 'name')?.text ?? '')))].filter(Boolean).sort();
    const categoryId = new Map(classList.map((name, i) => [name, i + 1]));

    const images: DatasetImage[] = [];
    const annotations: DatasetAnnotation[] = [];
    const seen = new Map<string, string>();
    for (const { file, root } of parsed) {
      const named = child(root, 'filename')?.text;
      const found = find?.(named, file);
      if (find && !found) refuse({ code: 'missing-image', file, field: 'filename', line: child(root, 'filename')?.line, params: { name: named || stem(file) } }, `image ${named || stem(file)} is not among the images`);
      const fileName = named || found?.name;
      if (!fileName) refuse({ code: 'malformed-field', file, field: 'filename', line: root.line }, 'no <filename>');
      const other = seen.get(fileName);
      if (other) refuse({ code: 'duplicate-id', file, field: 'filename', params: { name: fileName, other } }, `${fileName} is labelled in ${other} too`);
      seen.set(fileName, file);

      // size from the XML; some tools write 0 or leave it out, then the image's decoded size
      const size = child(root, 'size');
      let width = Number(child(size ?? root, 'width')?.text ?? NaN);
      let height = Number(child(size ?? root, 'height')?.text ?? NaN);
      const known = found?.width !== undefined && found?.height !== undefined;
      if (!(width > 0 && height > 0)) {
        if (!known) refuse({ code: 'malformed-field', file, field: 'size/width', line: size?.line ?? root.line }, 'no image size in <size> and none given');
        width = found!.width!;
        height = found!.height!;
      } else if (known && (found!.width !== width || found!.height !== height)) {
        refuse(
          { code: 'size-mismatch', file, field: 'size', line: size?.line, params: { name: fileName, width: found!.width!, height: found!.height! } },
          `${fileName} is ${found!.width}x${found!.height}, the labels say ${width}x${height}`,
        );
      }
      const image = { id: images.length + 1, file_name: fileName, width, height };
      images.push(image);

      children(root, 'object').forEach((o, n) => {
        const field = `object[${n + 1}]`;
        const nameEl = child(o, 'name');
        const name = nameEl?.text ?? '';
        if (!name) refuse({ code: 'malformed-field', file, field: `${field}/name`, line: o.line }, 'object without a <name>');
        const id = categoryId.get(name);
        if (id === undefined) refuse({ code: 'unknown-class', file, field: `${field}/name`, line: nameEl!.line, params: { name } }, `class "${name}" is not in the class list`);
        const box = child(o, 'bndbox');
        if (!box) refuse({ code: 'malformed-field', file, field: `${field}/bndbox`, line: o.line }, 'object without a <bndbox>');
        const [xmin, ymin, xmax, ymax] = (['xmin', 'ymin', 'xmax', 'ymax'] as const).map((k) => number(child(box, k), file, `${field}/bndbox/${k}`, box.line));
        if (xmax < xmin || ymax < ymin) {
          refuse({ code: 'bad-box', file, field: `${field}/bndbox`, line: box.line, params: { xmin, ymin, xmax, ymax } }, `xmax/ymax (${xmax}, ${ymax}) before xmin/ymin (${xmin}, ${ymin})`);
        }
        const bbox: [number, number, number, number] = [xmin, ymin, xmax - xmin, ymax - ymin];
        checkInside(bbox, width, height, { file, field: `${field}/bndbox`, line: box.line });
        const difficult = child(o, 'difficult')?.text === '1';
        annotations.push({ id: annotations.length + 1, image_id: image.id, category_id: id, bbox, area: bbox[2] * bbox[3], iscrowd: difficult ? 1 : 0 });
      });
    }
    return { images, annotations, categories: classList.map((name, i) => ({ id: i + 1, name })) };
  });
}
