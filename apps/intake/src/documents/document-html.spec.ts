import { provisionalReason } from '@onewindow/calendar';
import { renderDocumentHtml, templates } from './document-html';
import { DOCUMENT_KINDS, DOCUMENT_KIND_NAMES } from './document-kinds';
import type { DocumentKind } from './documents.types';
import { SAMPLE_FIELDS } from './testing/sample-documents';

const content = (kind: DocumentKind, fields = SAMPLE_FIELDS[kind]) => ({
  kind,
  number: `${DOCUMENT_KINDS[kind].prefix}2026112300000042`,
  applicationNumber: '12010120261123IN000042',
  issuer: '天津市行政许可服务中心',
  issuedOn: '2026-11-23',
  verificationCode: 'ACDE3467FGHJKM',
  verificationUrl: 'https://onewindow.example/api/intake/verify/ACDE3467FGHJKM',
  fields,
});

describe('standard document HTML (one template set)', () => {
  it('has a template for every kind, all parsing cleanly', () => {
    const t = templates();
    expect([...t.bodies.keys()].sort()).toEqual([...DOCUMENT_KIND_NAMES].sort());
    expect(t.layout.slotNames()).toEqual(['body']);
  });

  it.each(DOCUMENT_KIND_NAMES)(
    '%s shows the application number, centre, Chinese date, legal basis and verification code + URL',
    (kind) => {
      const html = renderDocumentHtml(content(kind));
      expect(html).toContain(DOCUMENT_KINDS[kind].title);
      expect(html).toContain('12010120261123IN000042');
      expect(html).toContain('天津市行政许可服务中心');
      expect(html).toContain('2026年11月23日');
      expect(html).toContain('法律依据');
      for (const basis of DOCUMENT_KINDS[kind].legalBasis) expect(html).toContain(basis.replace(/&/g, '&amp;'));
      expect(html).toContain('ACDE-3467-FGHJ-KM');
      expect(html).toContain('https://onewindow.example/api/intake/verify/ACDE3467FGHJKM');
      expect(html).not.toMatch(/\{\{|\}\}|undefined|NaN|\[object/);
    },
  );

  it('lists every material of a correction notice with its reason (一次性告知)', () => {
    const html = renderDocumentHtml(content('correction-notice'));
    for (const m of SAMPLE_FIELDS['correction-notice'].materials as { name: string; reason: string }[]) {
      expect(html).toContain(`<td>${m.name}</td><td>${m.reason}</td>`);
    }
    expect(html).toContain('2026年12月4日');
  });

  it('shows promised and legal due dates on an acceptance, and the reason and where to go on a rejection', () => {
    const acc = renderDocumentHtml(content('acceptance'));
    expect(acc).toContain('<th>承诺办结日期</th><td>2026年11月30日</td>');
    expect(acc).toContain('<th>法定办结日期</th><td>2026年12月21日</td>');
    expect(acc).not.toContain('暂定');
    const rej = renderDocumentHtml(content('rejection'));
    expect(rej).toContain('申请事项不属于本机关职权范围');
    expect(rej).toContain('天津市规划和自然资源局和平分局');
  });

  it('says on an acceptance that due dates counted through a year without a holiday notice are provisional, and why', () => {
    const reason = provisionalReason([2027])!;
    const acc = renderDocumentHtml(
      content('acceptance', {
        ...SAMPLE_FIELDS.acceptance,
        promisedDue: '2026-12-11',
        legalDue: '2027-01-04',
        provisional: true,
        provisionalReason: reason,
      }),
    );
    expect(acc).toContain('<th>法定办结日期</th><td>2027年1月4日（暂定）</td>');
    expect(acc).toContain('<th>承诺办结日期</th><td>2026年12月11日（暂定）</td>');
    expect(acc).toContain('2027 年国务院办公厅节假日安排通知尚未发布');
  });

  it("shows fee lines in yuan with their basis and the total, and the item legal basis after the kind's", () => {
    const fee = renderDocumentHtml(content('fee-notice'));
    expect(fee).toContain('<td>不动产登记费（住宅）</td><td>80.00</td>');
    expect(fee).toContain('<th>合计</th><th>80.00</th>');
    expect(fee).toContain('12026112300000000018');
    const grant = renderDocumentHtml(content('decision-grant'));
    expect(grant.indexOf('第三十八条第一款')).toBeLessThan(grant.indexOf('《食品经营许可和备案管理办法》第十一条'));
  });

  it('escapes applicant-provided text', () => {
    const html = renderDocumentHtml(
      content('rejection', {
        ...SAMPLE_FIELDS.rejection,
        applicantName: '<img src=x onerror=alert(1)>',
        reason: '"><script>x</script>',
      }),
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
