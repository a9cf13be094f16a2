import { validateUscc } from '@onewindow/codes';
import { serviceModule } from '@onewindow/service';
import { bootTestService, type TestService } from '@onewindow/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { registrationDefinition } from '../src/service-definition';
import { UsccIssuedRepository } from '../src/uscc/uscc-issued.repository';
import { UsccIssuerService } from '../src/uscc/uscc-issuer.service';

/** R3 on the real Postgres: concurrent issuing never gives the same code twice. */
describe('USCC issuing under concurrency', () => {
  let svc: TestService;
  let ds: DataSource;

  beforeAll(async () => {
    // The service's database without its features: no issuer has created any sequence yet; the tests
    // build their issuers by hand, as replicas would have them.
    svc = await bootTestService(
      'uscc_issuer',
      () => serviceModule(registrationDefinition, { features: [], poolSize: 30 }),
      { service: 'registration' },
    );
    ds = svc.app.get(DataSource);
  });
  afterAll(() => svc?.close());
  const newIssuer = () => new UsccIssuerService(ds, new UsccIssuedRepository());

  /** Registration rows for the codes to belong to (uscc_issued references registration). */
  async function registrations(n: number): Promise<string[]> {
    const ids = Array.from({ length: n }, () => randomUUID());
    for (const [i, id] of ids.entries()) {
      await ds.query(
        `insert into registration (id, number, owner_subject, applicant_type, applicant_name, authority_code, division, domicile_division, state, enterprise_name, trade_name, industry,
                                   organisation_form, enterprise_type, form, form_hash, submitted_at)
         values ($1::uuid, $2, $3, 'citizen', '测试', 'XZSP-120101', '120101', '120101', 'LICENSING', $4, $5, '科技', '有限公司', '有限责任公司', '{}', $6, now())`,
        [id, `N-${id}`, `citizen:u-${i}`, `天津测试${i}科技有限公司`, `测试${i}`, id],
      );
    }
    return ids;
  }

  it('50 parallel issues by two replicas, on a division never used before: 50 distinct valid codes', async () => {
    const ids = await registrations(50);
    // Two issuers, as two replicas would have, each with its own cache of created sequences.
    const replicas = [newIssuer(), newIssuer()];
    const codes = await Promise.all(ids.map((id, i) => ds.transaction((m) => replicas[i % 2]!.issue(m, id, '120104'))));
    expect(new Set(codes).size).toBe(50);
    for (const c of codes) {
      expect(validateUscc(c)).toEqual({ valid: true });
      expect(c).toMatch(/^91120104MA/);
      expect(c).not.toMatch(/[IOSVZ]/);
    }
    expect(Number((await ds.query('select count(*)::int n from uscc_issued'))[0].n)).toBe(50);
  });

  it('a rolled-back issue leaves a gap, never a repeat', async () => {
    const [a, b, c] = await registrations(3);
    const issuer = newIssuer();
    const first = await ds.transaction((m) => issuer.issue(m, c!, '120105'));
    let lost = '';
    await expect(
      ds.transaction(async (m) => {
        lost = await issuer.issue(m, a!, '120105');
        throw new Error('saga step failed');
      }),
    ).rejects.toThrow('saga step failed');
    const kept = await ds.transaction((m) => issuer.issue(m, b!, '120105'));
    expect(new Set([first, lost, kept]).size).toBe(3);
    expect(validateUscc(kept).valid).toBe(true);
    // The unique key refuses a code issued twice outright.
    await expect(
      ds.query(
        `insert into uscc_issued (uscc, registration_id, authority, entity_type, division, sequence) values ($1, $2, '9', '1', '120105', 999)`,
        [kept, a],
      ),
    ).rejects.toThrow(/duplicate key/);
  });
});
