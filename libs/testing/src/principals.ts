import type { Principal, StaffPrincipal, SystemPrincipal } from '@onewindow/auth';

/*
 * The people and systems tests act as: one set for every service, mirroring the demo org (the gateway's
 * demo identities): applicants, the city, Heping and Nankai district and Quanyechang street centres, the
 * departments' reviewers and approvers, supervisors, administrators and department systems. A test that
 * needs another shape builds it with `staff()` / `system()` beside it.
 */

export function staff(
  sub: string,
  p: { name?: string; department?: string; division?: string; orgUnit?: string; roles: string[] },
): StaffPrincipal {
  const division = p.division ?? '120000';
  return {
    type: 'staff',
    sub,
    name: p.name ?? sub,
    ...(p.department ? { department: p.department } : {}),
    orgUnit: p.orgUnit ?? `${p.department ?? 'SC'}-${division}`,
    division,
    level: division.length === 6 ? (division.endsWith('0000') ? 'city' : 'district') : 'street',
    roles: p.roles,
  };
}

export function system(
  department: string,
  scopes: string[],
  sub = `${department.toLowerCase()}-system`,
): SystemPrincipal {
  return { type: 'system', sub, department, scopes };
}

export const principals = {
  // Applicants
  citizen: { type: 'citizen', sub: 'u-citizen-1', name: '张三' },
  otherCitizen: { type: 'citizen', sub: 'u-citizen-2', name: '李四' },
  enterprise: {
    type: 'enterprise',
    sub: 'e-agent-1',
    name: '天津示例餐饮有限公司',
    uscc: '91120101MA05T8K25N',
    agentSub: 'u-citizen-1',
  },
  founder: { type: 'citizen', sub: 'u-founder-1', name: '李四' },
  otherFounder: { type: 'citizen', sub: 'u-founder-2', name: '张三' },
  // Centres (一窗受理)
  cityClerk: staff('clerk-city', { name: '市中心窗口-赵敏', orgUnit: 'SC-120000', roles: ['window-clerk'] }),
  cityClerkApprover: staff('clerk-city-2', {
    name: '市中心窗口-首席',
    orgUnit: 'SC-120000',
    roles: ['window-clerk', 'approver'],
  }),
  hepingClerk: staff('clerk-heping', {
    name: '和平区窗口-钱进',
    orgUnit: 'SC-120101',
    division: '120101',
    roles: ['window-clerk'],
  }),
  hepingClerk2: staff('clerk-heping-2', {
    name: '和平区窗口-吴',
    orgUnit: 'SC-120101',
    division: '120101',
    roles: ['window-clerk'],
  }),
  nankaiClerk: staff('clerk-nankai', {
    name: '南开区窗口-孙丽',
    orgUnit: 'SC-120104',
    division: '120104',
    roles: ['window-clerk'],
  }),
  streetClerk: staff('clerk-qyc', {
    name: '劝业场街窗口-周强',
    orgUnit: 'SC-120101001',
    division: '120101001',
    roles: ['window-clerk'],
  }),
  // Departments (接办分离)
  hepingScjgReviewer: staff('rev-scjg-hp', {
    name: '和平区市场监管审查员',
    department: 'SCJG',
    division: '120101',
    roles: ['reviewer'],
  }),
  hepingScjgApprover: staff('apr-scjg-hp', {
    name: '和平区市场监管审批人',
    department: 'SCJG',
    division: '120101',
    roles: ['approver'],
  }),
  nankaiScjgReviewer: staff('rev-scjg-nk', {
    name: '南开区市场监管审查员',
    department: 'SCJG',
    division: '120104',
    roles: ['reviewer'],
  }),
  cityScjgReviewer: staff('u-scjg-1', { department: 'SCJG', roles: ['reviewer'] }),
  hepingXzspReviewer: staff('u-xzsp-heping', {
    department: 'XZSP',
    division: '120101',
    roles: ['reviewer', 'approver'],
  }),
  nankaiXzspReviewer: staff('u-xzsp-nankai', {
    department: 'XZSP',
    division: '120104',
    roles: ['reviewer', 'approver'],
  }),
  jtReviewer: staff('rev-jt', { name: '交通审查员', department: 'JT', roles: ['reviewer'] }),
  wjReviewer: staff('rev-wj', { name: '卫健审查员', department: 'WJ', roles: ['reviewer', 'approver'] }),
  gaStaff: staff('u-ga-1', { department: 'GA', roles: ['reviewer'] }),
  gaStaff2: staff('u-ga-2', { department: 'GA', roles: ['reviewer'] }),
  swStaff: staff('u-sw-1', { department: 'SW', roles: ['reviewer'] }),
  rsStaff: staff('u-rs-1', { department: 'RS', roles: ['reviewer'] }),
  tjStaff: staff('u-tj-1', { department: 'TJ', roles: ['reviewer'] }),
  // Supervision and administration
  supervisor: staff('u-supervisor', { name: '效能监察', roles: ['supervisor'] }),
  catalogueAdmin: staff('u-cat-admin', { name: '目录管理员', orgUnit: 'SC-120000', roles: ['catalogue-admin'] }),
  jtCatalogueAdmin: staff('u-jt-admin', { name: '交通目录管理员', department: 'JT', roles: ['catalogue-admin'] }),
  platformAdmin: staff('admin-1', { name: '平台管理员', orgUnit: 'SC-120000', roles: ['platform-admin'] }),
  // Department systems (data exchange)
  jtSystem: system('JT', ['tasks:read', 'tasks:decide']),
  scjgSystem: system('SCJG', ['tasks:read', 'tasks:decide']),
  gaSystem: system('GA', ['tasks:read', 'tasks:decide', 'data:enterprise-basic', 'data:e-licence']),
  swSystem: system('SW', ['tasks:read', 'tasks:decide', 'data:enterprise-basic', 'data:e-licence']),
  tjSystemReadOnly: system('TJ', ['tasks:read']),
} satisfies Record<string, Principal>;
