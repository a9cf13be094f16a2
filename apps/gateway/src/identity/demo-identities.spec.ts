import { claimsFromPrincipal, levelOfDivision, principalFromClaims, Roles } from '@onewindow/auth';
import { validateResidentId, validateUscc } from '@onewindow/codes';
import { orgReferenceData } from '../orgs/domain/reference-data';
import { DEMO_IDENTITIES } from './demo-identities';
import { principalOfAccount } from './domain/accounts';
import type { UserAccountEntity } from './entities/user-account.entity';

/** The demo data is data, so it is checked like data: against the codes, the org directory and the token claims. */
describe('demo identities (seed data)', () => {
  const { users, clients } = DEMO_IDENTITIES;
  const orgs = orgReferenceData();
  const orgUnitIds = new Set([...orgs.departments.map((d) => d.id), ...orgs.centres.map((c) => c.id)]);
  const knownRoles = new Set<string>(Object.values(Roles));

  it('has unique ids and lower-case unique usernames', () => {
    expect(new Set(users.map((u) => u.id)).size).toBe(users.length);
    expect(new Set(users.map((u) => u.username)).size).toBe(users.length);
    for (const u of users) expect(u.username).toBe(u.username.toLowerCase());
  });

  it('citizens have valid resident IDs (one the GB 11643 example, one from Tianjin)', () => {
    const ids = users.filter((u) => u.type === 'citizen').map((u) => u.residentId!);
    expect(ids).toContain('11010519491231002X');
    expect(ids.some((id) => id.startsWith('12'))).toBe(true);
    for (const id of ids) expect(validateResidentId(id)).toEqual({ valid: true });
  });

  it('the enterprise has a valid USCC and an agent among the citizens', () => {
    const ents = users.filter((u) => u.type === 'enterprise');
    expect(ents).toHaveLength(1);
    expect(validateUscc(ents[0].uscc!)).toEqual({ valid: true });
    expect(users.find((u) => u.username === ents[0].agentUsername)?.type).toBe('citizen');
  });

  it('staff sit in existing org units, at the level their division denotes, with known roles', () => {
    for (const u of users.filter((x) => x.type === 'staff')) {
      expect([u.username, orgUnitIds.has(u.orgUnit!)]).toEqual([u.username, true]);
      expect([u.username, levelOfDivision(u.division!)]).toEqual([u.username, u.level]);
      expect(u.orgUnit!.endsWith(`-${u.division}`)).toBe(true);
      if (u.department) expect(u.orgUnit).toBe(`${u.department}-${u.division}`);
      for (const r of u.roles ?? []) expect(knownRoles.has(r)).toBe(true);
    }
  });

  it('covers every level and the departments the brief names', () => {
    const staff = users.filter((u) => u.type === 'staff');
    expect(new Set(staff.map((u) => u.level))).toEqual(new Set(['city', 'district', 'street']));
    expect(staff.map((u) => u.division)).toEqual(expect.arrayContaining(['120000', '120101', '120104', '120101001']));
    for (const dept of ['SCJG', 'GA', 'SW', 'RS', 'TJ', 'ZJ']) {
      expect(staff.some((u) => u.department === dept && u.roles?.includes(Roles.reviewer))).toBe(true);
      expect(staff.some((u) => u.department === dept && u.roles?.includes(Roles.approver))).toBe(true);
    }
    expect(staff.some((u) => u.roles?.includes(Roles.supervisor))).toBe(true);
    expect(staff.some((u) => u.roles?.includes(Roles.platformAdmin))).toBe(true);
  });

  it('every account makes a token whose claims pass strict validation', () => {
    for (const u of users) {
      const account = {
        id: u.id,
        principalType: u.type,
        displayName: u.displayName,
        uscc: u.uscc ?? null,
        agentSub: u.agentUsername ? users.find((x) => x.username === u.agentUsername)!.id : null,
        department: u.department ?? null,
        orgUnit: u.orgUnit ?? null,
        division: u.division ?? null,
        level: u.level ?? null,
        roles: u.roles ?? [],
      } as UserAccountEntity;
      const p = principalOfAccount(account);
      expect(principalFromClaims({ ...claimsFromPrincipal(p) })).toEqual(p);
    }
  });

  it('department systems for tax and public security, in existing city departments', () => {
    expect(clients.map((c) => c.department).sort()).toEqual(['GA', 'SW']);
    for (const c of clients) expect(orgUnitIds.has(`${c.department}-120000`)).toBe(true);
  });
});
