// Which labelled-set format a folder holds, from its file names alone (before reading anything):
// a COCO instances JSON, Pascal VOC XMLs, or YOLO .txt labels with a names file. Used by the app's
// folder picker and the CLI alike.

import { baseName } from './refusal.ts';

export type SetFormat = 'coco' | 'yolo' | 'voc';

export interface SetFiles {
  format: SetFormat;
  /** the instances JSON (coco), the XMLs (voc) or the label .txt files (yolo) */
  labels: string[];
  /** yolo: classes.txt, obj.names, *.names or data.yaml */
  names?: string;
  images: string[];
}

const IMAGE = /\.(jpe?g|png|webp|bmp|gif)$/i;
const NAMES = /^(classes\.txt|obj\.names|.*\.names|data\.ya?ml)$/i;

export function detectSetFormat(paths: readonly string[]): SetFiles | null {
  const images = paths.filter((p) => IMAGE.test(p));
  const json = paths.filter((p) => /\.json$/i.test(p));
  // instances*.json first (COCO's own name), then a lone JSON file
  const instances = json.find((p) => /^instances.*\.json$/i.test(baseName(p))) ?? (json.length === 1 ? json[0] : undefined);
  if (instances) return { format: 'coco', labels: [instances], images };
  const xml = paths.filter((p) => /\.xml$/i.test(p));
  if (xml.length) return { format: 'voc', labels: xml, images };
  const names = paths.filter((p) => NAMES.test(baseName(p))).sort((a, b) => a.length - b.length)[0];
  const txt = paths.filter((p) => /\.txt$/i.test(p) && p !== names && baseName(p).toLowerCase() !== 'classes.txt');
  if (names && (txt.length || images.length)) return { format: 'yolo', labels: txt, names, images };
  return null;
}
