import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Chinese font embedded in every PDF: Noto Sans Hans (思源黑体, SIL Open Font License 1.1), the
 * GB 2312 cut shipped by the npm package @embedpdf/fonts-sc. It comes with `npm ci` like any other
 * dependency, so no system font package (fonts-noto-cjk) is needed on a server or on CI. GB 2312
 * covers the 6,763 common hanzi; a rare character in a name outside it prints as the font's
 * missing-glyph box (see the docs). PDFKit embeds only the glyphs a document uses, so a PDF stays
 * around 100 KB.
 */
export interface CjkFonts {
  regular: Buffer;
  bold: Buffer;
}

let fonts: CjkFonts | undefined;

export function fontDirectory(): string {
  // The package exports only its small index (dist/index.cjs); the fonts sit in ../fonts beside it.
  return path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
}

export function cjkFonts(): CjkFonts {
  if (!fonts) {
    const dir = fontDirectory();
    fonts = {
      regular: readFileSync(path.join(dir, 'NotoSansHans-Regular.otf')),
      bold: readFileSync(path.join(dir, 'NotoSansHans-Bold.otf')),
    };
  }
  return fonts;
}
