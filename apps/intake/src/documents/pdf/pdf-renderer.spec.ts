import { renderDocumentHtml } from '../document-html';
import { DOCUMENT_KINDS, DOCUMENT_KIND_NAMES } from '../document-kinds';
import type { DocumentKind } from '../documents.types';
import { extractPdfText, pdfObjects } from '../testing/pdf-text';
import { SAMPLE_FIELDS } from '../testing/sample-documents';
import { htmlToBlocks } from './html-blocks';
import { renderPdf } from './pdf-renderer';

const HASH = 'c0ffee'.padEnd(64, '0');

function render(kind: DocumentKind, fields = SAMPLE_FIELDS[kind]) {
  const html = renderDocumentHtml({
    kind,
    number: 'BZ2026112300000042',
    applicationNumber: '12010120261123IN000042',
    issuer: '天津市行政许可服务中心',
    issuedOn: '2026-11-23',
    verificationCode: 'ACDE3467FGHJKM',
    verificationUrl: 'https://onewindow.example/api/intake/verify/ACDE3467FGHJKM',
    fields,
  });
  return {
    html,
    pdf: renderPdf({
      html,
      title: DOCUMENT_KINDS[kind].title,
      number: 'BZ2026112300000042',
      issuer: '天津市行政许可服务中心',
      issuedAt: new Date('2026-11-23T02:00:00Z'),
      contentHash: HASH,
    }),
  };
}

const compact = (s: string) => s.replace(/\s+/g, '');

describe('PDF rendering with the embedded Chinese font', () => {
  jest.setTimeout(30_000);

  it('embeds a CJK font subset with a ToUnicode map', async () => {
    const objects = pdfObjects(await render('acceptance').pdf);
    const fonts = objects.filter((o) => /\/Type \/Font\s/.test(o.dict) && /\/Subtype \/Type0/.test(o.dict));
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.dict).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-(Regular|Bold)/);
      expect(f.dict).toMatch(/\/ToUnicode \d+ 0 R/);
    }
    expect(objects.some((o) => /\/FontFile3 \d+ 0 R/.test(o.dict))).toBe(true);
  });

  it.each(DOCUMENT_KIND_NAMES)(
    '%s: the Chinese text can be read back from the PDF, with no missing glyphs',
    async (kind) => {
      const { html, pdf } = render(kind);
      const text = extractPdfText(await pdf);
      expect(text).not.toContain('\ufffd');
      const pdfText = compact(text);
      expect(pdfText).toContain(compact(DOCUMENT_KINDS[kind].title));
      expect(pdfText).toContain('天津市行政许可服务中心');
      expect(pdfText).toContain('2026年11月23日');
      expect(pdfText).toContain('12010120261123IN000042');
      expect(pdfText).toContain('ACDE-3467-FGHJ-KM');
      expect(pdfText).toContain(HASH);
      // Everything the HTML says is in the PDF (same source): every block's text appears.
      for (const block of htmlToBlocks(html)) {
        const said =
          block.type === 'table'
            ? block.rows
                .flat()
                .map((c) => c.text)
                .join('')
            : block.type === 'gap'
              ? ''
              : block.runs.map((r) => r.text).join('');
        expect(pdfText).toContain(compact(said));
      }
    },
  );

  it('reports characters the font does not have (so the check above can fail)', async () => {
    // U+20000 (CJK Extension B) is outside the embedded GB 2312 cut: it must come back as missing.
    const text = extractPdfText(
      await render('rejection', { ...SAMPLE_FIELDS.rejection, applicantName: '张\u{20000}' }).pdf,
    );
    expect(text).toContain('\ufffd');
  });

  it('is deterministic: the same document renders to the same bytes', async () => {
    const [a, b] = await Promise.all([render('fee-notice').pdf, render('fee-notice').pdf]);
    expect(a.equals(b)).toBe(true);
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('flows a long correction list over several pages', async () => {
    const materials = Array.from({ length: 60 }, (_, i) => ({
      name: `材料${i + 1}`,
      reason: '未提交，请补充提交原件一份并加盖公章',
    }));
    const text = compact(
      extractPdfText(await render('correction-notice', { ...SAMPLE_FIELDS['correction-notice'], materials }).pdf),
    );
    expect(text).toContain('材料60');
    expect(text).toMatch(/第1页\/共[2-9]页/);
  });
});
