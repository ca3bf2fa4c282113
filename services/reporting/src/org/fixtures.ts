import type { OrgUnit } from '@cc/contracts';
import { OrgModel, type PostHolder } from './org-model';

const unit = (code: string, level: OrgUnit['level'], path: string[], nameHi?: string): OrgUnit => ({
  code,
  level,
  ...(path.length > 1 ? { parentCode: path[path.length - 2] } : {}),
  nameEn: code,
  ...(nameHi ? { nameHi } : {}),
  path,
  committeeFormed: false,
  updatedAt: '2026-01-01T00:00:00.000Z',
});

/** Two districts of Jharkhand; Ranchi has two blocks, Kanke two panchayats. */
export const UNITS: OrgUnit[] = [
  unit('IN', 'national', ['IN']),
  unit('JH', 'state', ['IN', 'JH'], 'झारखंड'),
  unit('BR', 'state', ['IN', 'BR']),
  unit('JH-RAN', 'district', ['IN', 'JH', 'JH-RAN'], 'रांची'),
  unit('JH-KHU', 'district', ['IN', 'JH', 'JH-KHU']),
  unit('JH-RAN-KANKE', 'block', ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE'], 'कांके'),
  unit('JH-RAN-ANGARA', 'block', ['IN', 'JH', 'JH-RAN', 'JH-RAN-ANGARA']),
  unit('JH-KHU-ARKI', 'block', ['IN', 'JH', 'JH-KHU', 'JH-KHU-ARKI']),
  unit('KANKE-P1', 'panchayat', ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE', 'KANKE-P1']),
  unit('KANKE-P2', 'panchayat', ['IN', 'JH', 'JH-RAN', 'JH-RAN-KANKE', 'KANKE-P2']),
];

export const holder = (memberId: string, posts: PostHolder['posts'], status = 'active', updatedAt = '2026-01-01T00:00:00.000Z'): PostHolder => ({ memberId, status, posts, updatedAt });

export const org = (holders: PostHolder[] = []): OrgModel => OrgModel.of(UNITS, holders);
