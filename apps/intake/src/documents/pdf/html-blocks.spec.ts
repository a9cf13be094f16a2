import { htmlToBlocks } from './html-blocks';

describe('document HTML to layout blocks', () => {
  it('reads titles, headings, aligned paragraphs, lists and tables, decoding entities', () => {
    const blocks = htmlToBlocks(`<!DOCTYPE html><html><head><title>x</title><style>p{}</style></head><body>
      <h1>受理通知书</h1><p class="center small">No. &lt;1&gt;</p>
      <table class="kv"><tr><th>申请编号</th><td>A&amp;B</td></tr></table>
      <h2>法律依据</h2><ul><li>《行政许可法》</li></ul>
      <table class="grid"><tr><th data-w="10">序号</th><th data-w="90">材料</th></tr><tr><td>1</td><td>营业执照</td></tr></table>
      <footer><p class="right">中心 <strong>（印章）</strong></p></footer></body></html>`);
    expect(blocks).toEqual([
      { type: 'title', runs: [{ text: '受理通知书', bold: true }] },
      { type: 'paragraph', runs: [{ text: 'No. <1>', bold: false }], align: 'center', small: true },
      {
        type: 'table',
        variant: 'kv',
        widths: null,
        rows: [
          [
            { header: true, text: '申请编号' },
            { header: false, text: 'A&B' },
          ],
        ],
      },
      { type: 'heading', runs: [{ text: '法律依据', bold: true }] },
      { type: 'item', runs: [{ text: '《行政许可法》', bold: false }] },
      {
        type: 'table',
        variant: 'grid',
        widths: [10, 90],
        rows: [
          [
            { header: true, text: '序号' },
            { header: true, text: '材料' },
          ],
          [
            { header: false, text: '1' },
            { header: false, text: '营业执照' },
          ],
        ],
      },
      { type: 'gap' },
      {
        type: 'paragraph',
        runs: [
          { text: '中心 ', bold: false },
          { text: '（印章）', bold: true },
        ],
        align: 'right',
        small: false,
      },
    ]);
  });

  it('drops empty paragraphs and ignores the head', () => {
    expect(htmlToBlocks('<head><title>t</title></head><p>  </p><p></p>')).toEqual([]);
  });
});
