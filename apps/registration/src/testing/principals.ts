import type { Principal, StaffPrincipal, SystemPrincipal } from '@onewindow/auth';

const staff = (sub: string, department: string | undefined, division = '120000', roles = ['reviewer']): StaffPrincipal => ({
  type: 'staff', sub, name: sub, ...(department ? { department } : {}), orgUnit: `${department ?? 'SC'}-${division}`, division, level: division === '120000' ? 'city' : 'district', roles,
});
const system = (department: string, scopes = ['tasks:read', 'tasks:decide', 'data:enterprise-basic', 'data:e-licence']): SystemPrincipal => ({
  type: 'system', sub: `${department.toLowerCase()}-system`, department, scopes,
});

export const principals = {
  founder: { type: 'citizen', sub: 'u-founder-1', name: '李四' },
  otherFounder: { type: 'citizen', sub: 'u-founder-2', name: '张三' },
  enterprise: { type: 'enterprise', sub: 'e-1', uscc: '91120101MA05T8K25N', name: '天津市和平区示例科技有限公司', agentSub: 'u-founder-2' },
  scjg: staff('u-scjg-1', 'SCJG'),
  hepingXzsp: staff('u-xzsp-heping', 'XZSP', '120101', ['reviewer', 'approver']),
  nankaiXzsp: staff('u-xzsp-nankai', 'XZSP', '120104', ['reviewer', 'approver']),
  ga: staff('u-ga-1', 'GA'),
  ga2: staff('u-ga-2', 'GA'),
  sw: staff('u-sw-1', 'SW'),
  rs: staff('u-rs-1', 'RS'),
  tj: staff('u-tj-1', 'TJ'),
  supervisor: staff('u-supervisor', undefined, '120000', ['supervisor']),
  clerk: staff('u-clerk', undefined, '120000', ['window-clerk']),
  gaSystem: system('GA'),
  swSystem: system('SW'),
  tjSystemReadOnly: system('TJ', ['tasks:read']),
} satisfies Record<string, Principal>;
