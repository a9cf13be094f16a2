import { inflateSync } from 'node:zlib';

/**
 * Test-only text extraction for the PDFs PDFKit writes: it decodes every text-showing operator
 * through the font's ToUnicode CMap, i.e. exactly what a PDF reader's copy/search sees. If the
 * Chinese text were drawn with a font lacking the glyphs or without a ToUnicode map, the Chinese
 * would be missing from what this returns; a character drawn as the font's empty box comes back
 * as U+FFFD. (Written here so tests need no PDF library.)
 */
interface PdfObject {
  id: number;
  dict: string;
  stream?: Buffer;
}

export function pdfObjects(pdf: Buffer): PdfObject[] {
  const s = pdf.toString('latin1');
  const objects: PdfObject[] = [];
  for (const m of s.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const at = body.indexOf('stream\n');
    if (at < 0) {
      objects.push({ id: Number(m[1]), dict: body });
      continue;
    }
    const dict = body.slice(0, at);
    let raw = Buffer.from(body.slice(at + 7, body.lastIndexOf('endstream')), 'latin1');
    if (raw[raw.length - 1] === 0x0a) raw = raw.subarray(0, raw.length - 1);
    objects.push({ id: Number(m[1]), dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
  }
  return objects;
}

function utf16Hex(hex: string): string {
  // Whitespace inside a hex string is allowed (PDFKit writes ligatures as <0066 0069>).
  const bytes = Buffer.from(hex.replace(/\s+/g, ''), 'hex');
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes.readUInt16BE(i));
  return out;
}

function parseCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g))
      map.set(parseInt(m[1]!, 16), utf16Hex(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      if (m[3]!.startsWith('[')) {
        [...m[3]!.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((d, i) => map.set(lo + i, utf16Hex(d[1]!)));
      } else {
        const base = parseInt(m[3]!.slice(1, -1), 16);
        for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(base + c - lo));
      }
    }
  }
  return map;
}

/** The text of every page, one line per text-showing operator. */
export function extractPdfText(pdf: Buffer): string {
  const objects = pdfObjects(pdf);
  const byId = new Map(objects.map((o) => [o.id, o]));
  // Resource name (/F1) -> ToUnicode map of the font object it names.
  const fontMaps = new Map<string, Map<number, string>>();
  for (const o of objects) {
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(o.dict);
    if (!fontDict) continue;
    for (const m of fontDict[1]!.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const font = byId.get(Number(m[2]));
      const toUnicode = font && /\/ToUnicode (\d+) 0 R/.exec(font.dict);
      const cmap = toUnicode && byId.get(Number(toUnicode[1]))?.stream;
      if (cmap) fontMaps.set(m[1]!, parseCMap(cmap.toString('latin1')));
    }
  }
  const lines: string[] = [];
  for (const o of objects) {
    if (!o.stream || !/\/Length/.test(o.dict) || /\/Subtype|\/Type \/XObject|\/Length1/.test(o.dict)) continue;
    const content = o.stream.toString('latin1');
    if (!/\bTJ\b|\bTj\b/.test(content)) continue;
    let font: Map<number, string> | undefined;
    for (const op of content.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|(\[[^\]]*\])\s*TJ|(<[0-9a-fA-F]*>)\s*Tj/g)) {
      if (op[1]) {
        font = fontMaps.get(op[1]);
        continue;
      }
      const hexes = [...(op[2] ?? op[3]!).matchAll(/<([0-9a-fA-F\s]*)>/g)]
        .map((h) => h[1]!.replace(/\s+/g, ''))
        .join('');
      let line = '';
      for (let i = 0; i + 4 <= hexes.length; i += 4) {
        // PDFKit's font subset always puts .notdef (the empty box) at code 0: a character the
        // font lacks is drawn with it. Report it as U+FFFD, whatever the ToUnicode map says.
        const code = parseInt(hexes.slice(i, i + 4), 16);
        line += code === 0 ? '\ufffd' : (font?.get(code) ?? '\ufffd');
      }
      lines.push(line);
    }
  }
  return lines.join('\n');
}
