import PDFDocument from 'pdfkit';
import { cjkFonts } from './cjk-font';
import { Block, htmlToBlocks, Run } from './html-blocks';

export interface PdfInput {
  /** The stored document HTML (the single source of the content). */
  html: string;
  title: string;
  number: string;
  issuer: string;
  issuedAt: Date;
  /** Printed on the last page so a paper copy can be compared with the public verification answer. */
  contentHash: string;
}

const SIZE = { title: 20, heading: 13, body: 11, small: 9 };
const MARGIN = { top: 56, bottom: 64, left: 62, right: 62 };
const GREY = '#444444';
const BORDER = '#888888';
const HEADER_FILL = '#f2f2f2';
const CELL_PAD = 4;

type Doc = InstanceType<typeof PDFDocument>;

/**
 * Lays the document out on A4 with PDFKit and the embedded CJK font. Deterministic: the same input
 * gives the same bytes (the creation date is the issue time, and PDFKit derives the file id from
 * the info dictionary), so a PDF can be rendered on request instead of stored.
 */
export function renderPdf(input: PdfInput): Promise<Buffer> {
  const fonts = cjkFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    info: {
      Title: `${input.title} ${input.number}`,
      Author: input.issuer,
      Subject: input.number,
      CreationDate: input.issuedAt,
      ModDate: input.issuedAt,
    },
    lang: 'zh-CN',
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions);
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.font('regular').fontSize(SIZE.body);

  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  for (const block of htmlToBlocks(input.html)) drawBlock(doc, block);
  drawFooters(doc, input.contentHash);
  doc.end();
  return done;
}

function drawRuns(doc: Doc, runs: Run[], size: number, options: PDFKit.Mixins.TextOptions) {
  if (runs.length === 0) return;
  doc.fontSize(size);
  runs.forEach((r, i) => {
    doc.font(r.bold ? 'bold' : 'regular').text(r.text, { ...options, continued: i < runs.length - 1 });
  });
  doc.font('regular');
}

function drawBlock(doc: Doc, block: Block) {
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  doc.x = MARGIN.left;
  switch (block.type) {
    case 'title':
      doc.moveDown(0.3);
      drawRuns(doc, block.runs, SIZE.title, { align: 'center', width });
      doc.moveDown(0.3);
      break;
    case 'heading':
      doc.moveDown(0.5);
      drawRuns(doc, block.runs, SIZE.heading, { width, lineGap: 2 });
      doc.moveDown(0.2);
      break;
    case 'paragraph':
      doc.fillColor(block.small ? GREY : 'black');
      drawRuns(doc, block.runs, block.small ? SIZE.small : SIZE.body, {
        align: block.align,
        width,
        lineGap: 4,
        paragraphGap: 4,
      });
      doc.fillColor('black');
      break;
    case 'item':
      drawRuns(doc, [{ text: '• ', bold: false }, ...block.runs], SIZE.body, { width, lineGap: 3, indent: 6 });
      break;
    case 'table':
      drawTable(doc, block, width);
      break;
    case 'gap':
      doc.moveDown(1.5);
      break;
  }
}

function drawTable(doc: Doc, table: Extract<Block, { type: 'table' }>, width: number) {
  const columns = Math.max(...table.rows.map((r) => r.length), 1);
  const shares =
    table.variant === 'kv'
      ? [25, 75]
      : table.widths && table.widths.length === columns
        ? table.widths
        : Array(columns).fill(1);
  const total = shares.reduce((a, b) => a + b, 0);
  const widths = shares.map((s) => (s / total) * width);
  doc.fontSize(SIZE.body);
  let y = doc.y + 4;
  for (const row of table.rows) {
    const heights = row.map((cell, i) =>
      doc
        .font(cell.header ? 'bold' : 'regular')
        .heightOfString(cell.text || ' ', { width: widths[i]! - 2 * CELL_PAD, lineGap: 2 }),
    );
    const h = Math.max(...heights, doc.currentLineHeight()) + 2 * CELL_PAD;
    if (y + h > doc.page.height - MARGIN.bottom) {
      doc.addPage();
      y = MARGIN.top;
    }
    let x = MARGIN.left;
    row.forEach((cell, i) => {
      const w = widths[i] ?? 0;
      if (cell.header) doc.rect(x, y, w, h).fill(HEADER_FILL);
      doc.rect(x, y, w, h).lineWidth(0.6).strokeColor(BORDER).stroke();
      doc
        .fillColor('black')
        .font(cell.header ? 'bold' : 'regular')
        .text(cell.text, x + CELL_PAD, y + CELL_PAD, { width: w - 2 * CELL_PAD, lineGap: 2 });
      x += w;
    });
    y += h;
  }
  doc.font('regular');
  doc.x = MARGIN.left;
  doc.y = y + 8;
}

function drawFooters(doc: Doc, contentHash: string) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make PDFKit start a new page: lift the margin while we write.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const width = doc.page.width - MARGIN.left - MARGIN.right;
    doc.font('regular').fontSize(SIZE.small).fillColor(GREY);
    if (i === range.start + range.count - 1) {
      doc.text(`内容摘要 (SHA-256)：${contentHash}`, MARGIN.left, doc.page.height - 52, { width, align: 'left' });
    }
    doc.text(`第 ${i + 1} 页 / 共 ${range.count} 页`, MARGIN.left, doc.page.height - 36, { width, align: 'center' });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('black');
}
