// A small, tolerant XML parser for label files (Pascal VOC): elements, attributes, text, comments,
// CDATA, the XML declaration and doctype, the five named entities and numeric ones. It runs where
// DOMParser does not (workers, Node) and keeps each element's line for error messages.

import { refuse } from './refusal.ts';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** the element's own text (children's text not included), entities decoded, trimmed */
  text: string;
  line: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

export function parseXml(text: string, file: string): XmlElement {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  // line of position p, counted forward from the last position asked (positions only grow)
  let counted = 0;
  const lineAt = (p: number) => {
    for (; counted < p; counted++) if (text.charCodeAt(counted) === 10) line++;
    return line;
  };
  function fail(at: number, detail: string): never {
    return refuse({ code: 'malformed-file', file, line: lineAt(at) }, `not valid XML: ${detail}`);
  }

  const stack: XmlElement[] = [];
  const texts: string[][] = [];
  let root: XmlElement | undefined;

  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt < 0 ? text.length : lt);
    if (stack.length) texts[texts.length - 1].push(decode(chunk));
    else if (chunk.trim()) fail(i, 'text outside the root element');
    if (lt < 0) break;
    i = lt;
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) fail(i, 'comment not closed');
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end < 0) fail(i, 'CDATA not closed');
      if (stack.length) texts[texts.length - 1].push(text.slice(i + 9, end));
      i = end + 3;
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) fail(i, 'declaration not closed');
      i = end + 2;
    } else if (text.startsWith('<!', i)) {
      // doctype, possibly with an internal subset in [...]
      let depth = 0;
      let j = i + 2;
      for (; j < text.length; j++) {
        const c = text[j];
        if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (c === '>' && depth <= 0) break;
      }
      if (j >= text.length) fail(i, 'doctype not closed');
      i = j + 1;
    } else if (text[i + 1] === '/') {
      const end = text.indexOf('>', i);
      if (end < 0) fail(i, 'closing tag not closed');
      const name = text.slice(i + 2, end).trim();
      const open = stack.pop();
      if (!open) fail(i, `</${name}> without an opening tag`);
      if (open.name !== name) fail(i, `</${name}> closes <${open.name}> (line ${open.line})`);
      open.text = texts.pop()!.join('').trim();
      i = end + 1;
    } else {
      const m = /^<([A-Za-z_:][\w:.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(text.slice(i, i + 4096));
      if (!m) fail(i, 'unreadable tag');
      const el: XmlElement = { name: m[1], attrs: {}, children: [], text: '', line: lineAt(i) };
      for (const a of m[2].matchAll(/([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) el.attrs[a[1]] = decode(a[2] ?? a[3] ?? '');
      if (stack.length) stack[stack.length - 1].children.push(el);
      else if (root) fail(i, 'a second root element');
      else root = el;
      if (!m[3]) {
        stack.push(el);
        texts.push([]);
      }
      i += m[0].length;
    }
  }
  if (stack.length) fail(text.length, `<${stack[stack.length - 1].name}> (line ${stack[stack.length - 1].line}) is not closed`);
  if (!root) fail(0, 'no element');
  return root;
}

export const child = (el: XmlElement, name: string): XmlElement | undefined => el.children.find((c) => c.name === name);
export const children = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.name === name);
