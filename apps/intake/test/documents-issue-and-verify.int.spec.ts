import type { CitizenPrincipal } from '@onewindow/auth';
import { principals } from '@onewindow/testing';
import { randomUUID } from 'node:crypto';
import { DocumentIssuer } from '../src/documents/documents.types';
import { extractPdfText } from '../src/documents/testing/pdf-text';
import { SAMPLE_FIELDS } from '../src/documents/testing/sample-documents';
import { bootServicesTestApp, ServicesTestApp } from '../src/documents/testing/services-test-app';

/** The applicant the sample documents are issued to (SAMPLE_FIELDS: citizen:u-zhang, 张三丰, masked 张*丰). */
const zhang: CitizenPrincipal = { type: 'citizen', sub: 'u-zhang', name: '张三丰' };

describe('documents (A13): issue, read, PDF, public verification', () => {
  let t: ServicesTestApp;
  let issuer: DocumentIssuer;
  const applicationId = randomUUID();

  beforeAll(async () => {
    t = await bootServicesTestApp('docs');
    issuer = t.app.get(DocumentIssuer);
  });
  afterAll(async () => {
    await t?.close();
  });

  const issue = (kind: 'acceptance' | 'correction-notice' | 'decision-grant', fields = SAMPLE_FIELDS[kind]) =>
    t.ds.transaction((m) =>
      issuer.issue(m, {
        kind,
        applicationId,
        applicationNumber: '12010120261123IN000042',
        issuer: '天津市行政许可服务中心',
        fields,
      }),
    );

  it("issues a document inside the caller's transaction, with a unique number and an unguessable code", async () => {
    const a = await issue('acceptance');
    const b = await issue('acceptance');
    expect(a.number).toMatch(/^SL\d{16}$/);
    expect(a.number).not.toBe(b.number);
    expect(a.verificationCode.replace(/-/g, '')).toMatch(/^[34679ACDEFGHJKMNPQRTWXY]{14}$/);
    expect(a.verificationCode).not.toBe(b.verificationCode);
    const [row] = await t.ds.query(
      'select kind, application_id, applicant_subject, content_hash from document where id = $1',
      [a.id],
    );
    expect(row).toMatchObject({
      kind: 'acceptance',
      application_id: applicationId,
      applicant_subject: 'citizen:u-zhang',
    });
    expect(row.content_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("writes nothing when the caller's transaction rolls back, or when the fields are incomplete", async () => {
    const before = Number((await t.ds.query('select count(*) from document'))[0].count);
    await expect(
      t.ds.transaction(async (m) => {
        await issuer.issue(m, {
          kind: 'receipt',
          applicationId,
          applicationNumber: 'X1',
          issuer: 'C',
          fields: SAMPLE_FIELDS.receipt,
        });
        throw new Error('transition failed');
      }),
    ).rejects.toThrow('transition failed');
    // a correction notice must list at least one material (一次性告知), an acceptance needs its due dates
    await expect(
      issue('correction-notice', { ...SAMPLE_FIELDS['correction-notice'], materials: [] }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(issue('acceptance', { applicantName: '张三丰' })).rejects.toMatchObject({ status: 422 });
    expect(Number((await t.ds.query('select count(*) from document'))[0].count)).toBe(before);
  });

  it('shows a document to its applicant and to staff; another applicant, a system or the public cannot see it', async () => {
    const d = await issue('acceptance');
    const mine = await t.call('GET', `/documents/${d.id}`, zhang);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({
      id: d.id,
      kind: 'acceptance',
      title: '受理通知书',
      number: d.number,
      verificationCode: d.verificationCode,
      applicationNumber: '12010120261123IN000042',
    });
    expect(mine.json().verificationUrl).toMatch(new RegExp(`/verify/${d.verificationCode.replace(/-/g, '')}$`));
    expect((await t.call('GET', `/documents/${d.id}`, principals.cityScjgReviewer)).statusCode).toBe(200);
    expect((await t.call('GET', `/documents/${d.id}`, principals.otherCitizen)).statusCode).toBe(404);
    expect((await t.call('GET', `/documents/${d.id}/pdf`, principals.otherCitizen)).statusCode).toBe(404);
    expect((await t.call('GET', `/documents/${d.id}/html`, principals.otherCitizen)).statusCode).toBe(404);
    expect((await t.call('GET', `/documents/${d.id}`, principals.jtSystem)).statusCode).toBe(403);
    expect((await t.call('GET', `/documents/${d.id}`)).statusCode).toBe(401);
    expect((await t.call('GET', `/documents/${randomUUID()}`, zhang)).statusCode).toBe(404);
    const bad = await t.call('GET', '/documents/not-a-uuid', zhang);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('serves the PDF with the Chinese text embedded, and the HTML under a strict content policy', async () => {
    const d = await issue('correction-notice');
    const pdf = await t.call('GET', `/documents/${d.id}/pdf`, zhang);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = extractPdfText(pdf.rawPayload).replace(/\s+/g, '');
    expect(text).not.toContain('\ufffd');
    for (const s of [
      '补正告知书',
      '天津市行政许可服务中心',
      '经营场所平面图',
      '未标注操作间面积',
      d.number,
      d.verificationCode,
    ])
      expect(text).toContain(s);
    // rendered on request, deterministically: a second request gives the same bytes
    expect(
      (await t.call('GET', `/documents/${d.id}/pdf`, principals.cityClerk)).rawPayload.equals(pdf.rawPayload),
    ).toBe(true);

    const html = await t.call('GET', `/documents/${d.id}/html`, zhang);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html.body).toContain('<td>经营场所平面图</td>');
  });

  it('verifies a code publicly, showing nothing personal, in any typing of the code', async () => {
    const d = await issue('decision-grant', {
      ...SAMPLE_FIELDS['decision-grant'],
      applicantSubject: 'citizen:u-zhang',
      applicantName: '张三丰',
    });
    const res = await t.call('GET', `/verify/${d.verificationCode.toLowerCase()}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      kind: 'decision-grant',
      title: '准予行政许可决定书',
      number: d.number,
      applicationNumber: '12010120261123IN000042',
      issuer: '天津市行政许可服务中心',
      applicantName: '张*丰',
      intact: true,
    });
    expect(body.issuedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(body)).not.toMatch(/张三丰|u-zhang|fields|JY112010/);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('404s an unknown code and 400s a malformed one', async () => {
    expect((await t.call('GET', '/verify/ACDE-3467-FGHJ-KM')).statusCode).toBe(404);
    expect((await t.call('GET', '/verify/ACDE-3467-FGHJ-K0')).statusCode).toBe(404);
    expect((await t.call('GET', '/verify/%3Cscript%3E')).statusCode).toBe(400);
    expect((await t.call('GET', `/verify/${'A'.repeat(60)}`)).statusCode).toBe(400);
  });

  it('detects content altered in the database after issue', async () => {
    const html = await issue('acceptance');
    const fields = await issue('acceptance');
    const holder = await issue('acceptance');
    const code = (d: { verificationCode: string }) => d.verificationCode.replace(/-/g, '');
    expect((await t.call('GET', `/verify/${code(html)}`)).json().intact).toBe(true);
    // The HTML is rendered from the content when read: a forged page stored in its place is detected too.
    expect((await t.ds.query(`select html, template_set from document where id = $1`, [html.id]))[0]).toEqual({
      html: null,
      template_set: 1,
    });
    await t.ds.query(`update document set html = '<p>准予许可</p>', template_set = null where id = $1`, [html.id]);
    await t.ds.query(`update document set fields = jsonb_set(fields, '{legalDue}', '"2027-12-21"') where id = $1`, [
      fields.id,
    ]);
    await t.ds.query(`update document set applicant_subject = 'citizen:u-li' where id = $1`, [holder.id]);
    for (const d of [html, fields, holder]) {
      const res = (await t.call('GET', `/verify/${code(d)}`)).json();
      expect(res.intact).toBe(false);
    }
    // a row nobody touched stays intact
    expect((await t.call('GET', `/verify/${code(await issue('acceptance'))}`)).json().intact).toBe(true);
  });

  it('publishes a complete OpenAPI description of every route of documents, fees and appointments', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const expected: [string, string][] = [
      ['/documents/{id}', 'get'],
      ['/documents/{id}/pdf', 'get'],
      ['/documents/{id}/html', 'get'],
      ['/verify/{code}', 'get'],
      ['/fees/notices', 'post'],
      ['/fees/notices', 'get'],
      ['/fees/notices/{id}', 'get'],
      ['/fees/confirmations', 'post'],
      ['/fees/notices/{id}/waiver-requests', 'post'],
      ['/fees/waiver-requests/{id}', 'get'],
      ['/fees/waiver-requests/{id}/approve', 'post'],
      ['/fees/waiver-requests/{id}/reject', 'post'],
      ['/appointments/slots', 'post'],
      ['/appointments/slots', 'get'],
      ['/appointments', 'post'],
      ['/appointments', 'get'],
      ['/appointments/{id}', 'get'],
      ['/appointments/{id}/cancel', 'post'],
      ['/queue/tickets', 'post'],
      ['/queue/call-next', 'post'],
      ['/queue/{centre}/board', 'get'],
    ];
    for (const [path, method] of expected) {
      const op = doc.paths[path]?.[method];
      expect({ path, method, present: !!op }).toEqual({ path, method, present: true });
      for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
        expect(op.parameters.some((p: { in: string; name: string }) => p.in === 'path' && p.name === name)).toBe(true);
      }
      if (method === 'post' && !path.endsWith('/cancel'))
        expect({ path, body: !!op.requestBody }).toEqual({ path, body: true });
    }
    expect(doc.components.schemas.PaymentConfirmationDto.required).toEqual(
      expect.arrayContaining(['noticeNumber', 'amountFen', 'bankTxnId', 'paidAt']),
    );
  });
});
