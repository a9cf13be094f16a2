import type { AdminLevel } from '@onewindow/auth';
import demo from './data/demo-identities.json';

interface SeedUser {
  id: string;
  username: string;
  type: 'citizen' | 'enterprise' | 'staff';
  displayName: string;
  residentId?: string;
  uscc?: string;
  agentUsername?: string;
  department?: string;
  orgUnit?: string;
  division?: string;
  level?: AdminLevel;
  roles?: string[];
}
interface SeedClient {
  clientId: string;
  name: string;
  department: string;
  scopes: string[];
}
export interface IdentitySeed {
  demoPassword: string;
  users: SeedUser[];
  clients: SeedClient[];
}

/** The demo accounts and department-system clients (data/demo-identities.json). */
export const DEMO_IDENTITIES = demo as IdentitySeed;
