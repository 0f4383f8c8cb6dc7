// Class names for YOLO sets: a names file with one name per line (classes.txt, obj.names), or the
// `names:` entry of an ultralytics data.yaml (a [list], a block list, or a 0: name mapping). Only
// that entry is read, so no YAML library is needed.

import { refuse } from './refusal.ts';

export function readNames(text: string, file: string): string[] {
  return /\.ya?ml$/i.test(file) ? readYamlNames(text, file) : readNamesFile(text, file);
}

function readNamesFile(text: string, file: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim());
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) refuse({ code: 'no-classes', file }, 'the names file is empty');
  // a blank line in the middle would shift every later class index: say so instead
  const blank = lines.indexOf('');
  if (blank >= 0) refuse({ code: 'malformed-line', file, line: blank + 1 }, 'blank line among the class names');
  return lines;
}

const stripComment = (s: string) => s.replace(/\s+#.*$/, '').replace(/^#.*$/, '');

function unquote(s: string): string {
  const t = s.trim();
  if ((t.startsWith("'") && t.endsWith("'")) || (t.startsWith('"') && t.endsWith('"'))) return t.slice(1, -1);
  return t;
}

/** split a flow sequence/mapping body on commas outside quotes */
function splitFlow(body: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  for (const ch of body) {
    if (quote) {
      if (ch === quote) quote = '';
      cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      cur += ch;
    } else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

function fromMapping(entries: [string, string][], file: string, line: number): string[] {
  const names: string[] = [];
  for (const [k, v] of entries) {
    const i = Number(unquote(k));
    if (!Number.isInteger(i) || i < 0) refuse({ code: 'malformed-line', file, line }, `names: key ${k} is not a class index`);
    names[i] = unquote(v);
  }
  for (let i = 0; i < names.length; i++) {
    if (names[i] === undefined) refuse({ code: 'malformed-line', file, line, params: { index: i } }, `names: class ${i} is missing`);
  }
  return names;
}

function readYamlNames(text: string, file: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const at = lines.findIndex((l) => /^names\s*:/.test(l));
  if (at < 0) refuse({ code: 'no-classes', file }, 'no names: entry');
  const line = at + 1;
  let rest = stripComment(lines[at].replace(/^names\s*:/, '')).trim();
  let names: string[];
  if (rest.startsWith('[') || rest.startsWith('{')) {
    // a flow collection may continue on the next lines
    const close = rest[0] === '[' ? ']' : '}';
    let j = at;
    while (!rest.trimEnd().endsWith(close) && j + 1 < lines.length) rest += ' ' + stripComment(lines[++j]).trim();
    if (!rest.trimEnd().endsWith(close)) refuse({ code: 'malformed-line', file, line }, `names: no closing ${close}`);
    const items = splitFlow(rest.trim().slice(1, -1));
    names =
      close === ']'
        ? items.map(unquote)
        : fromMapping(items.map((s) => s.split(/:\s*/, 2) as [string, string]), file, line);
  } else if (rest === '') {
    const block: string[] = [];
    for (let j = at + 1; j < lines.length; j++) {
      const l = stripComment(lines[j]);
      if (l.trim() === '') continue;
      if (!/^\s/.test(l) && !l.startsWith('-')) break;
      block.push(l.trim());
    }
    if (block.length && block.every((l) => l.startsWith('-'))) names = block.map((l) => unquote(l.slice(1)));
    else {
      names = fromMapping(
        block.map((l) => {
          const m = /^([^:]+):\s*(.*)$/.exec(l);
          if (!m) refuse({ code: 'malformed-line', file, line }, `names: cannot read "${l}"`);
          return [m[1], m[2]];
        }),
        file,
        line,
      );
    }
  } else {
    refuse({ code: 'malformed-line', file, line }, 'names: expected a list');
  }
  if (names.length === 0) refuse({ code: 'no-classes', file, line }, 'names: is empty');
  return names;
}
