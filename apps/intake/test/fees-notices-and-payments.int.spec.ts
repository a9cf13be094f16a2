import type { Principal } from '@onewindow/auth';
import { principals, staff, system } from '@onewindow/testing';
import { randomUUID } from 'node:crypto';
import { extractPdfText } from '../src/documents/testing/pdf-text';
import { bootServicesTestApp, ServicesTestApp } from '../src/documents/testing/services-test-app';
import { isValidPaymentReference } from '../src/fees/payment-reference';
import { FeeNoticeService } from '../src/fees/fee-notice.service';
import { PAID_ITEM } from '../src/fees/testing/test-catalogue';

/** The bank channel confirming payments (a system holding the payments scope). */
const bank = system('BANK', ['payments'], 'bank-icbc');
/** An approver of the centre who does not work at a window. */
const approver = staff('approver-1', { name: '孙审批', orgUnit: 'SC-120000', roles: ['approver'] });
const applicant = principals.citizen;
const APPLICANT = `citizen:${applicant.sub}`;

describe('fees (A12, 票款分离)', () => {
  let t: ServicesTestApp;

  beforeAll(async () => {
    t = await bootServicesTestApp('fees');
  });
  afterAll(async () => {
    await t?.close();
  });

  const newNotice = async (over: Record<string, unknown> = {}) => {
    const res = await t.call('POST', '/fees/notices', principals.cityClerk, {
      applicationId: randomUUID(),
      applicationNumber: '12000020261123IN000007',
      applicantSubject: APPLICANT,
      applicantName: '张三丰',
      itemCode: PAID_ITEM.itemCode,
      itemVersion: PAID_ITEM.version,
      issuer: '天津市行政许可服务中心',
      ...over,
    });
    expect(res.statusCode).toBe(201);
    return res.json();
  };
  const count = async (table: string) => Number((await t.ds.query(`select count(*) from ${table}`))[0].count);
  const outbox = async (type: string, subject: string) =>
    (await t.ds.query(`select envelope from outbox_event where type = $1 and key = $2`, [type, subject])).map(
      (r: { envelope: { data: unknown } }) => r.envelope.data,
    );
  const confirm = (body: Record<string, unknown>, as: Principal = bank) =>
    t.call('POST', '/fees/confirmations', as, body);

  it("issues a notice from the item version's fee items, with its 缴费通知书 and an event in the same transaction", async () => {
    const n = await newNotice({ payBy: '2026-12-31' });
    expect(n).toMatchObject({
      status: 'issued',
      totalFen: 9000,
      itemCode: 'TEST-BDC-001',
      itemVersion: 2,
      payBy: '2026-12-31',
    });
    expect(n.lines).toEqual([
      { name: '不动产登记费（住宅）', amountFen: 8000, legalBasis: '发改价格规〔2016〕2559号' },
      { name: '证书工本费', amountFen: 1000, legalBasis: '发改价格规〔2016〕2559号' },
    ]);
    expect(n.number).toMatch(/^JF\d{16}$/);
    expect(isValidPaymentReference(n.paymentReference)).toBe(true);
    const [event] = await outbox('intake.fee.notice-issued', n.applicationId);
    expect(event).toMatchObject({
      noticeId: n.id,
      totalFen: 9000,
      paymentReference: n.paymentReference,
      documentId: n.documentId,
    });
    const pdf = await t.call('GET', `/documents/${n.documentId}/pdf`, applicant);
    const text = extractPdfText(pdf.rawPayload).replace(/\s+/g, '');
    for (const s of ['缴费通知书', '证书工本费', '90.00', n.paymentReference, '票款分离']) expect(text).toContain(s);
  });

  it('refuses a free item (422), an unknown item (404), and a second notice for the same application and item (409)', async () => {
    const before = await count('fee_notice');
    expect(
      (
        await t.call('POST', '/fees/notices', principals.cityClerk, {
          applicationId: randomUUID(),
          applicationNumber: '12000020261123IN000008',
          applicantSubject: APPLICANT,
          itemCode: 'TEST-FREE-001',
          itemVersion: 1,
          issuer: '中心',
        })
      ).statusCode,
    ).toBe(422);
    expect(
      (
        await t.call('POST', '/fees/notices', principals.cityClerk, {
          applicationId: randomUUID(),
          applicationNumber: '12000020261123IN000008',
          applicantSubject: APPLICANT,
          itemCode: 'TEST-BDC-001',
          itemVersion: 9,
          issuer: '中心',
        })
      ).statusCode,
    ).toBe(404);
    const n = await newNotice();
    const again = await t.call('POST', '/fees/notices', principals.cityClerk, {
      applicationId: n.applicationId,
      applicationNumber: '12000020261123IN000007',
      applicantSubject: APPLICANT,
      itemCode: 'TEST-BDC-001',
      itemVersion: 2,
      issuer: '中心',
    });
    expect(again.statusCode).toBe(409);
    expect(await count('fee_notice')).toBe(before + 1);
  });

  it('records a bank confirmation once: a retry with the same bankTxnId is answered, not applied again', async () => {
    const n = await newNotice();
    const body = {
      noticeNumber: n.number,
      amountFen: 9000,
      bankTxnId: `ICBC-${randomUUID().slice(0, 8)}`,
      paidAt: '2026-11-23T10:15:00+08:00',
    };
    const first = await confirm(body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      outcome: 'recorded',
      notice: { status: 'paid', paidAt: '2026-11-23T02:15:00.000Z' },
    });
    // the retries arrive together: still one payment, one event
    const retries = await Promise.all([confirm(body), confirm(body), confirm(body)]);
    expect(retries.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(retries.map((r) => r.json().outcome)).toEqual(['already-recorded', 'already-recorded', 'already-recorded']);
    expect(retries[0]!.json().paymentId).toBe(first.json().paymentId);
    expect((await t.ds.query('select count(*) from fee_payment where notice_id = $1', [n.id]))[0].count).toBe('1');
    expect(await outbox('intake.fee.paid', n.applicationId)).toHaveLength(1);
    expect((await t.call('GET', `/fees/notices/${n.id}`, applicant)).json().status).toBe('paid');
  });

  it('refuses a wrong amount (422) and a second payment of a paid notice (409), writing nothing', async () => {
    const n = await newNotice();
    const wrong = await confirm({
      noticeNumber: n.number,
      amountFen: 8999,
      bankTxnId: 'ABC-wrong-1',
      paidAt: '2026-11-23T10:00:00Z',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().details).toEqual({ expectedFen: 9000, receivedFen: 8999 });
    expect(
      (await t.ds.query('select count(*) from fee_payment where bank_txn_id = $1', ['ABC-wrong-1']))[0].count,
    ).toBe('0');
    expect((await t.call('GET', `/fees/notices/${n.id}`, principals.cityClerk)).json().status).toBe('issued');

    expect(
      (
        await confirm({
          noticeNumber: n.number,
          amountFen: 9000,
          bankTxnId: 'ABC-pay-1',
          paidAt: '2026-11-23T10:00:00Z',
        })
      ).statusCode,
    ).toBe(201);
    const twice = await confirm({
      noticeNumber: n.number,
      amountFen: 9000,
      bankTxnId: 'ABC-pay-2',
      paidAt: '2026-11-23T10:05:00Z',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().details).toMatchObject({ currentState: 'paid' });
    // the same bank transaction id quoted for another notice is a conflict, not a payment
    const other = await newNotice();
    expect(
      (
        await confirm({
          noticeNumber: other.number,
          amountFen: 9000,
          bankTxnId: 'ABC-pay-1',
          paidAt: '2026-11-23T10:00:00Z',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await confirm({
          noticeNumber: 'JF2026112399999999',
          amountFen: 9000,
          bankTxnId: 'ABC-pay-9',
          paidAt: '2026-11-23T10:00:00Z',
        })
      ).statusCode,
    ).toBe(404);
    expect((await t.ds.query('select count(*) from fee_payment where notice_id = $1', [n.id]))[0].count).toBe('1');
  });

  it('lets two different payments race for one notice: exactly one is recorded', async () => {
    const n = await newNotice();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        confirm({
          noticeNumber: n.number,
          amountFen: 9000,
          bankTxnId: `RACE-${n.id.slice(0, 8)}-${i}`,
          paidAt: '2026-11-23T10:00:00Z',
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await outbox('intake.fee.paid', n.applicationId)).toHaveLength(1);
  });

  it('accepts confirmations only from the bank channel', async () => {
    const n = await newNotice();
    const body = { noticeNumber: n.number, amountFen: 9000, bankTxnId: 'ABC-auth-1', paidAt: '2026-11-23T10:00:00Z' };
    expect((await confirm(body, principals.jtSystem)).statusCode).toBe(403); // a system without the payments scope
    expect((await confirm(body, principals.cityClerk)).statusCode).toBe(403);
    expect((await confirm(body, applicant)).statusCode).toBe(403);
    expect((await t.call('POST', '/fees/confirmations', undefined, body)).statusCode).toBe(401);
    expect((await t.call('GET', `/fees/notices/${n.id}`, principals.cityClerk)).json().status).toBe('issued');
  });

  it('waives a notice only when an approver other than the requester approves it', async () => {
    const n = await newNotice();
    const req = await t.call('POST', `/fees/notices/${n.id}/waiver-requests`, principals.cityClerkApprover, {
      reason: '申请人为最低生活保障对象，依法免收',
    });
    expect(req.statusCode).toBe(201);
    const w = req.json();
    expect(w).toMatchObject({ status: 'pending', requestedBy: principals.cityClerkApprover.sub });
    // a second pending request for the same notice is refused
    expect(
      (await t.call('POST', `/fees/notices/${n.id}/waiver-requests`, principals.cityClerk, { reason: '重复申请' }))
        .statusCode,
    ).toBe(409);
    // the requester also holds the approver role, but may not approve their own request
    const self = await t.call('POST', `/fees/waiver-requests/${w.id}/approve`, principals.cityClerkApprover, {});
    expect(self.statusCode).toBe(403);
    // a clerk without the approver role may not approve at all
    expect((await t.call('POST', `/fees/waiver-requests/${w.id}/approve`, principals.cityClerk, {})).statusCode).toBe(
      403,
    );
    expect((await t.call('GET', `/fees/waiver-requests/${w.id}`, principals.cityClerk)).json().status).toBe('pending');

    const ok = await t.call('POST', `/fees/waiver-requests/${w.id}/approve`, approver, { note: '材料属实' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', decidedBy: approver.sub, decisionNote: '材料属实' });
    expect((await t.call('GET', `/fees/notices/${n.id}`, applicant)).json().status).toBe('waived');
    const [event] = await outbox('intake.fee.waived', n.applicationId);
    expect(event).toMatchObject({
      noticeId: n.id,
      waiverRequestId: w.id,
      requestedBy: principals.cityClerkApprover.sub,
      approvedBy: approver.sub,
      totalFen: 9000,
    });
    // decided once; and a waived notice cannot be paid
    expect((await t.call('POST', `/fees/waiver-requests/${w.id}/approve`, approver, {})).statusCode).toBe(409);
    expect(
      (
        await confirm({
          noticeNumber: n.number,
          amountFen: 9000,
          bankTxnId: 'ABC-waived-1',
          paidAt: '2026-11-23T10:00:00Z',
        })
      ).statusCode,
    ).toBe(409);
  });

  it('rejects a waiver without touching the notice', async () => {
    const n = await newNotice();
    const w = (
      await t.call('POST', `/fees/notices/${n.id}/waiver-requests`, principals.cityClerk, { reason: '经济困难' })
    ).json();
    const res = await t.call('POST', `/fees/waiver-requests/${w.id}/reject`, approver, { note: '不符合减免条件' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('rejected');
    expect((await t.call('GET', `/fees/notices/${n.id}`, principals.cityClerk)).json().status).toBe('issued');
    expect(await outbox('intake.fee.waived', n.applicationId)).toHaveLength(0);
  });

  it('shows a notice to its applicant and staff only; applicants cannot call clerk or approver routes', async () => {
    const n = await newNotice();
    expect((await t.call('GET', `/fees/notices/${n.id}`, applicant)).statusCode).toBe(200);
    expect((await t.call('GET', `/fees/notices/${n.id}`, principals.cityScjgReviewer)).statusCode).toBe(200);
    expect((await t.call('GET', `/fees/notices/${n.id}`, principals.otherCitizen)).statusCode).toBe(404);
    expect((await t.call('GET', `/fees/notices/${n.id}`, principals.enterprise)).statusCode).toBe(404);
    expect((await t.call('GET', `/fees/notices/${randomUUID()}`, applicant)).statusCode).toBe(404);
    expect((await t.call('GET', `/fees/notices?applicationId=${n.applicationId}`, applicant)).json()).toHaveLength(1);
    expect(
      (await t.call('GET', `/fees/notices?applicationId=${n.applicationId}`, principals.otherCitizen)).json(),
    ).toHaveLength(0);
    expect(
      (await t.call('GET', `/fees/notices?applicationId=${n.applicationId}`, principals.cityClerk)).json(),
    ).toHaveLength(1);
    expect(
      (
        await t.call('POST', '/fees/notices', applicant, {
          applicationId: randomUUID(),
          applicationNumber: '12000020261123IN000009',
          applicantSubject: APPLICANT,
          itemCode: 'TEST-BDC-001',
          itemVersion: 2,
          issuer: '中心',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await t.call('POST', `/fees/notices/${n.id}/waiver-requests`, applicant, { reason: '我想免费' })).statusCode,
    ).toBe(403);
    expect(
      (
        await t.call('POST', `/fees/notices/${n.id}/waiver-requests`, principals.cityScjgReviewer, {
          reason: '无窗口角色',
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.call('POST', `/fees/waiver-requests/${randomUUID()}/approve`, applicant, {})).statusCode).toBe(403);
  });

  it('refuses malformed input on every route with 400 and writes nothing', async () => {
    const n = await newNotice();
    const before = {
      notices: await count('fee_notice'),
      payments: await count('fee_payment'),
      waivers: await count('fee_waiver_request'),
      outbox: await count('outbox_event'),
    };
    const valid = {
      applicationId: randomUUID(),
      applicationNumber: '12000020261123IN000010',
      applicantSubject: APPLICANT,
      itemCode: 'TEST-BDC-001',
      itemVersion: 2,
      issuer: '中心',
    };
    const cases: [string, string, unknown, object][] = [
      ['POST', '/fees/notices', principals.cityClerk, { ...valid, extra: 1 }],
      ['POST', '/fees/notices', principals.cityClerk, { ...valid, itemVersion: '2' }],
      ['POST', '/fees/notices', principals.cityClerk, { ...valid, applicationId: 'nope' }],
      ['POST', '/fees/notices', principals.cityClerk, { ...valid, applicantSubject: 'staff:x' }],
      ['POST', '/fees/notices', principals.cityClerk, { ...valid, payBy: '2026-02-30' }],
      ['POST', '/fees/notices', principals.cityClerk, {}],
      [
        'POST',
        '/fees/confirmations',
        bank,
        { noticeNumber: n.number, amountFen: 90.5, bankTxnId: 'ABC-x-1', paidAt: '2026-11-23T10:00:00Z' },
      ],
      [
        'POST',
        '/fees/confirmations',
        bank,
        { noticeNumber: n.number, amountFen: -9000, bankTxnId: 'ABC-x-1', paidAt: '2026-11-23T10:00:00Z' },
      ],
      [
        'POST',
        '/fees/confirmations',
        bank,
        { noticeNumber: n.number, amountFen: 9000, bankTxnId: 'ABC-x-1', paidAt: 'yesterday' },
      ],
      [
        'POST',
        '/fees/confirmations',
        bank,
        { noticeNumber: n.number, amountFen: 9000, bankTxnId: 'ABC-x-1', paidAt: '2026-11-23T10:00:00' },
      ],
      [
        'POST',
        '/fees/confirmations',
        bank,
        {
          noticeNumber: n.number,
          amountFen: 9000,
          bankTxnId: "x'; drop table fee_payment;--",
          paidAt: '2026-11-23T10:00:00Z',
        },
      ],
      [
        'POST',
        '/fees/confirmations',
        bank,
        {
          noticeNumber: n.number,
          amountFen: 9000,
          bankTxnId: 'ABC-x-1',
          paidAt: '2026-11-23T10:00:00Z',
          status: 'paid',
        },
      ],
      ['POST', `/fees/notices/${n.id}/waiver-requests`, principals.cityClerk, { reason: '' }],
      ['POST', `/fees/notices/${n.id}/waiver-requests`, principals.cityClerk, { reason: '理由', approvedBy: 'me' }],
      ['POST', '/fees/notices/not-a-uuid/waiver-requests', principals.cityClerk, { reason: '理由充分' }],
      ['POST', `/fees/waiver-requests/${randomUUID()}/approve`, approver, { note: 'x', status: 'approved' }],
      ['GET', '/fees/notices/123', principals.cityClerk, undefined as never],
      ['GET', '/fees/notices', principals.cityClerk, undefined as never],
      ['GET', '/fees/notices?applicationId=abc', principals.cityClerk, undefined as never],
    ];
    for (const [method, url, as, body] of cases) {
      const res = await t.call(method as 'GET' | 'POST', url, as as never, body);
      expect({ method, url, body, status: res.statusCode }).toEqual({ method, url, body, status: 400 });
      expect(res.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', requestId: expect.any(String) });
    }
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/fees/confirmations',
      headers: { authorization: `Bearer ${await t.token(bank)}`, 'content-type': 'application/json' },
      payload: '{"noticeNumber":',
    });
    expect(malformed.statusCode).toBe(400);
    expect({
      notices: await count('fee_notice'),
      payments: await count('fee_payment'),
      waivers: await count('fee_waiver_request'),
      outbox: await count('outbox_event'),
    }).toEqual(before);
  });

  it('lets the applications feature create a notice inside its own transaction (rolled back with it)', async () => {
    const service = t.app.get(FeeNoticeService);
    const applicationId = randomUUID();
    const input = {
      applicationId,
      applicationNumber: '12000020261123IN000011',
      applicantSubject: APPLICANT,
      itemCode: 'TEST-BDC-001',
      itemVersion: 2,
      issuer: '中心',
      actor: { type: 'staff' as const, id: 'clerk-1' },
    };
    await expect(
      t.ds.transaction(async (m) => {
        await service.createNotice(m, input);
        throw new Error('the transition failed');
      }),
    ).rejects.toThrow('the transition failed');
    expect(
      (await t.ds.query('select count(*) from fee_notice where application_id = $1', [applicationId]))[0].count,
    ).toBe('0');
    expect(
      (await t.ds.query('select count(*) from document where application_id = $1', [applicationId]))[0].count,
    ).toBe('0');
    expect(await outbox('intake.fee.notice-issued', applicationId)).toHaveLength(0);
    const created = await t.ds.transaction((m) => service.createNotice(m, input));
    expect((await t.ds.transaction((m) => service.ofApplication(m, applicationId))).map((x) => x.id)).toEqual([
      created.id,
    ]);
  });
});
