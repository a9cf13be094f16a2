/**
 * Reads the document HTML our own templates produce back into a list of blocks for the PDF layout,
 * so the HTML is the one source of both renderings (what the browser shows is what is printed).
 * It understands only the small tag set the templates use; it is not a general HTML parser and is
 * never given HTML from outside (values inside are escaped by the template engine).
 */
export interface Run {
  text: string;
  bold: boolean;
}

export type Align = 'left' | 'center' | 'right';

export type Block =
  | { type: 'title'; runs: Run[] }
  | { type: 'heading'; runs: Run[] }
  | { type: 'paragraph'; runs: Run[]; align: Align; small: boolean }
  | { type: 'item'; runs: Run[] }
  /** Vertical space before a <footer> (the signature block stands apart from the text). */
  | { type: 'gap' }
  | { type: 'table'; variant: 'kv' | 'grid'; widths: number[] | null; rows: { header: boolean; text: string }[][] };

interface Element {
  tag: string;
  attrs: Record<string, string>;
  children: (Element | string)[];
}

const VOID = new Set(['meta', 'br', 'link']);
const SKIP = new Set(['head', 'style', 'script', 'title']);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' };

export function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e]!);
}

function parseAttrs(raw: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of raw.matchAll(/([a-z-]+)="([^"]*)"/g)) attrs[m[1]!] = decodeEntities(m[2]!);
  return attrs;
}

export function parseHtml(html: string): Element {
  const root: Element = { tag: '#root', attrs: {}, children: [] };
  const stack: Element[] = [root];
  for (const m of html.matchAll(/<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|<(\/?)([a-z][a-z0-9]*)([^>]*)>|([^<]+)/gi)) {
    const top = stack[stack.length - 1]!;
    if (m[4] !== undefined) {
      top.children.push(decodeEntities(m[4]));
      continue;
    }
    if (!m[2]) continue; // doctype or comment
    const tag = m[2].toLowerCase();
    if (m[1]) {
      // Close up to the matching open tag; a stray close tag is ignored.
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
      continue;
    }
    const el: Element = { tag, attrs: parseAttrs(m[3] ?? ''), children: [] };
    top.children.push(el);
    if (!VOID.has(tag) && !m[3]?.endsWith('/')) stack.push(el);
  }
  return root;
}

function runsOf(el: Element, bold = false): Run[] {
  const runs: Run[] = [];
  for (const c of el.children) {
    if (typeof c === 'string') runs.push({ text: c.replace(/\s+/g, ' '), bold });
    else if (c.tag === 'br') runs.push({ text: '\n', bold });
    else runs.push(...runsOf(c, bold || c.tag === 'strong' || c.tag === 'b' || c.tag === 'th'));
  }
  return runs;
}

function tidy(runs: Run[]): Run[] {
  // Merge neighbours of the same weight and trim the ends, as a browser would collapse whitespace.
  const merged: Run[] = [];
  for (const r of runs) {
    const last = merged[merged.length - 1];
    if (last && last.bold === r.bold) last.text += r.text;
    else merged.push({ ...r });
  }
  if (merged.length) {
    merged[0]!.text = merged[0]!.text.trimStart();
    merged[merged.length - 1]!.text = merged[merged.length - 1]!.text.trimEnd();
  }
  return merged.filter((r) => r.text.length > 0);
}

const plain = (runs: Run[]) => runs.map((r) => r.text).join('');

export function htmlToBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  const walk = (el: Element) => {
    for (const c of el.children) {
      if (typeof c === 'string' || SKIP.has(c.tag)) continue;
      const cls = (c.attrs.class ?? '').split(/\s+/);
      switch (c.tag) {
        case 'h1':
          blocks.push({ type: 'title', runs: tidy(runsOf(c, true)) });
          break;
        case 'h2':
          blocks.push({ type: 'heading', runs: tidy(runsOf(c, true)) });
          break;
        case 'p': {
          const runs = tidy(runsOf(c));
          if (runs.length)
            blocks.push({
              type: 'paragraph',
              runs,
              align: cls.includes('center') ? 'center' : cls.includes('right') ? 'right' : 'left',
              small: cls.includes('small'),
            });
          break;
        }
        case 'li':
          blocks.push({ type: 'item', runs: tidy(runsOf(c)) });
          break;
        case 'table':
          blocks.push(tableBlock(c, cls.includes('kv') ? 'kv' : 'grid'));
          break;
        case 'footer':
          blocks.push({ type: 'gap' });
          walk(c);
          break;
        default:
          walk(c); // containers: html, body, article, header, section, footer, ul, div, thead, tbody
      }
    }
  };
  walk(parseHtml(html));
  return blocks;
}

function tableBlock(table: Element, variant: 'kv' | 'grid'): Block {
  const rows: { header: boolean; text: string }[][] = [];
  let widths: number[] | null = null;
  const collect = (el: Element) => {
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      if (c.tag === 'tr') {
        const cells = c.children.filter(
          (x): x is Element => typeof x !== 'string' && (x.tag === 'th' || x.tag === 'td'),
        );
        rows.push(cells.map((cell) => ({ header: cell.tag === 'th', text: plain(tidy(runsOf(cell))) })));
        // Column widths (percent) come from the first row's data-w attributes.
        if (!widths && cells.every((cell) => cell.attrs['data-w']))
          widths = cells.map((cell) => Number(cell.attrs['data-w']));
      } else collect(c);
    }
  };
  collect(table);
  return { type: 'table', variant, widths, rows };
}
