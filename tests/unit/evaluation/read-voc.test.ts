// Pascal VOC XML: the small XML parser, what the reader makes of a file, and every refusal
// naming the file, the element and its line.

import { describe, expect, test } from 'vitest';
import { RefusalError, type Refusal } from '../../../src/evaluation/readers/refusal.ts';
import { readVoc, type VocInput } from '../../../src/evaluation/readers/voc.ts';
import { child, children, parseXml } from '../../../src/evaluation/readers/xml.ts';
import type { Dataset } from '../../../src/evaluation/types.ts';
import { refused } from './refused.ts';

describe('XML parser', () => {
  test('elements, attributes, text, entities, comments, CDATA, declaration, doctype, lines', () => {
    const root = parseXml(
      `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE annotation [ <!ENTITY x "y"> ]>
<!-- a comment -->
<annotation verified='yes'>
  <name>dining &amp; table &#233;&#x41;</name>
  <empty/>
  <data><![CDATA[<raw> & text]]></data>
  <!-- <object> in a comment -->
</annotation>
`,
      'a.xml',
    );
    expect(root.name).toBe('annotation');
    expect(root.attrs).toEqual({ verified: 'yes' });
    expect(root.line).toBe(4);
    expect(child(root, 'name')).toMatchObject({ text: 'dining & table éA', line: 5 });
    expect(child(root, 'empty')).toMatchObject({ text: '', children: [] });
    expect(child(root, 'data')?.text).toBe('<raw> & text');
    expect(children(root, 'object')).toEqual([]);
  });

  const fails = (xml: string): Refusal => {
    try {
      parseXml(xml, 'x.xml');
    } catch (e) {
      if (e instanceof RefusalError) return e.refusal;
      throw e;
    }
    throw new Error('expected a refusal');
  };

  test('malformed XML: the line and what is wrong', () => {
    expect(fails('<a>\n  <b>1</c>\n</a>')).toMatchObject({ code: 'malformed-file', file: 'x.xml', line: 2, message: 'x.xml, line 2: not valid XML: </c> closes <b> (line 2)' });
    expect(fails('<a>\n<b>\n')).toMatchObject({ line: 3, message: 'x.xml, line 3: not valid XML: <b> (line 2) is not closed' });
    expect(fails('<a/><b/>')).toMatchObject({ message: 'x.xml, line 1: not valid XML: a second root element' });
    expect(fails('hello')).toMatchObject({ code: 'malformed-file' });
    expect(fails('<a><!-- open </a>')).toMatchObject({ code: 'malformed-file' });
  });
});

const xml = (file: string, objects: string, size = '<size><width>500</width><height>375</height><depth>3</depth></size>') => `<annotation>
  <folder>VOC2007</folder>
  <filename>${file}</filename>
  ${size}
${objects}
</annotation>
`;
const obj = (name: string, box: [number, number, number, number], difficult = 0) => `  <object>
    <name>${name}</name>
    <pose>Left</pose>
    <truncated>0</truncated>
    <difficult>${difficult}</difficult>
    <bndbox><xmin>${box[0]}</xmin><ymin>${box[1]}</ymin><xmax>${box[2]}</xmax><ymax>${box[3]}</ymax></bndbox>
  </object>`;

const refusal = (i: VocInput) => refused(readVoc(i));

describe('Pascal VOC reader', () => {
  test('boxes from xmin ymin xmax ymax, difficult as an ignore region, classes sorted', () => {
    const r = readVoc({
      files: [
        { name: 'Annotations/000002.xml', text: xml('000002.jpg', obj('dog', [48, 240, 195, 371]) + '\n' + obj('person', [8, 12, 352, 370], 1)) },
        { name: 'Annotations/000001.xml', text: xml('000001.jpg', obj('person', [10.5, 20, 30.5, 60])) },
      ],
    });
    expect(r.ok).toBe(true);
    const d = (r as { value: Dataset }).value;
    expect(d.categories).toEqual([{ id: 1, name: 'dog' }, { id: 2, name: 'person' }]);
    expect(d.images).toEqual([
      { id: 1, file_name: '000001.jpg', width: 500, height: 375 },
      { id: 2, file_name: '000002.jpg', width: 500, height: 375 },
    ]);
    expect(d.annotations).toEqual([
      // [xmin, ymin, xmax - xmin, ymax - ymin], area w*h
      { id: 1, image_id: 1, category_id: 2, bbox: [10.5, 20, 20, 40], area: 800, iscrowd: 0 },
      { id: 2, image_id: 2, category_id: 1, bbox: [48, 240, 147, 131], area: 147 * 131, iscrowd: 0 },
      { id: 3, image_id: 2, category_id: 2, bbox: [8, 12, 344, 358], area: 344 * 358, iscrowd: 1 },
    ]);
  });

  test('a given class list fixes the ids and refuses other names, with the line of <name>', () => {
    const files = [{ name: 'a.xml', text: xml('a.jpg', obj('aeroplane', [1, 1, 5, 5]) + '\n' + obj('cat', [1, 1, 5, 5])) }];
    const ok = readVoc({ files, classes: ['aeroplane', 'bicycle', 'cat'] });
    expect(ok.ok && ok.value.annotations.map((a) => a.category_id)).toEqual([1, 3]);
    const e = refusal({ files, classes: ['aeroplane'] });
    expect(e).toMatchObject({ code: 'unknown-class', file: 'a.xml', field: 'object[2]/name', line: 13, params: { name: 'cat' } });
    expect(e.message).toBe('a.xml, line 13, object[2]/name: class "cat" is not in the class list');
  });

  test('the image must be there; its size fills a missing <size> and must agree with a given one', () => {
    const files = [{ name: 'ann/a.xml', text: xml('a.jpg', obj('cat', [1, 1, 5, 5]), '') }];
    expect(refusal({ files, images: [{ name: 'JPEGImages/b.jpg' }] })).toMatchObject({ code: 'missing-image', file: 'ann/a.xml', field: 'filename', line: 3 });
    expect(refusal({ files })).toMatchObject({ code: 'malformed-field', field: 'size/width' });
    const filled = readVoc({ files, images: [{ name: 'JPEGImages/a.jpg', width: 64, height: 48 }] });
    expect(filled.ok && filled.value.images[0]).toEqual({ id: 1, file_name: 'a.jpg', width: 64, height: 48 });
    const sized = [{ name: 'a.xml', text: xml('a.jpg', obj('cat', [1, 1, 5, 5])) }];
    expect(refusal({ files: sized, images: [{ name: 'a.jpg', width: 375, height: 500 }] })).toMatchObject({
      code: 'size-mismatch',
      message: 'a.xml, line 4, size: a.jpg is 375x500, the labels say 500x375',
    });
  });

  test('no <filename>: the image named like the XML file', () => {
    const text = '<annotation><size><width>10</width><height>10</height></size></annotation>';
    const r = readVoc({ files: [{ name: 'labels/0007.xml', text }], images: [{ name: 'img/0007.png' }] });
    expect(r.ok && r.value.images[0].file_name).toBe('img/0007.png');
  });

  test('bad boxes: a non-number, xmax before xmin, outside the image', () => {
    const f = (o: string) => [{ name: 'a.xml', text: xml('a.jpg', o) }];
    expect(refusal({ files: f(obj('cat', [1, 1, 5, 5]).replace('<ymax>5</ymax>', '<ymax>five</ymax>')) })).toMatchObject({
      code: 'malformed-field',
      field: 'object[1]/bndbox/ymax',
      line: 10,
    });
    expect(refusal({ files: f(obj('cat', [50, 1, 5, 5])) })).toMatchObject({ code: 'bad-box', field: 'object[1]/bndbox', line: 10 });
    expect(refusal({ files: f(obj('cat', [450, 10, 510, 20])) })).toMatchObject({ code: 'box-outside-image', file: 'a.xml', line: 10, params: { width: 500 } });
    // 1-based VOC boxes reach xmax = width: inside
    expect(readVoc({ files: f(obj('cat', [1, 1, 500, 375])) }).ok).toBe(true);
  });

  test('not a VOC file, malformed XML, an object without a name, one image labelled twice', () => {
    expect(refusal({ files: [{ name: 'a.xml', text: '<root/>' }] })).toMatchObject({ code: 'malformed-file', message: 'a.xml, line 1: the root element is <root>, not <annotation>' });
    expect(refusal({ files: [{ name: 'a.xml', text: '<annotation>\n<object>\n</annotation>' }] })).toMatchObject({ code: 'malformed-file', line: 3 });
    expect(refusal({ files: [{ name: 'a.xml', text: xml('a.jpg', '  <object><bndbox/></object>') }] })).toMatchObject({ code: 'malformed-field', field: 'object[1]/name' });
    const twice = [
      { name: 'a.xml', text: xml('a.jpg', '') },
      { name: 'b.xml', text: xml('a.jpg', '') },
    ];
    expect(refusal({ files: twice })).toMatchObject({ code: 'duplicate-id', file: 'b.xml', message: 'b.xml, filename: a.jpg is labelled in a.xml too' });
  });
});
