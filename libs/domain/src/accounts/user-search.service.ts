import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Page, type Role, offsetOf, paginate } from '../shared/index.js';
import { type AccountView, toAccountView } from './account-view.js';
import { User } from './user.entity.js';

export interface UserSearch {
  /** A part of the email or display name. */
  q?: string;
  role?: Role;
  page: number;
  pageSize: number;
}

/** The admin's user list: search by email or name, filter by role, newest first. */
@Injectable()
export class UserSearchService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async list(q: UserSearch): Promise<Page<AccountView>> {
    const qb = this.ds.getRepository(User).createQueryBuilder('u').orderBy('u.createdAt', 'DESC').addOrderBy('u.id', 'DESC');
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
      qb.andWhere('(u.email LIKE :like OR u.displayName LIKE :like)', { like });
    }
    if (q.role) qb.andWhere('EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = :role)', { role: q.role });
    const [users, total] = await qb.skip(offsetOf(q.page, q.pageSize)).take(q.pageSize).getManyAndCount();
    const ids = users.map((u) => u.id);
    const roles = ids.length
      ? ((await this.ds.query('SELECT user_id AS userId, role FROM user_roles WHERE user_id IN (?)', [ids])) as {
          userId: string;
          role: string;
        }[])
      : [];
    for (const u of users) u.roles = roles.filter((r) => r.userId === u.id).map((r) => ({ userId: u.id, role: r.role }));
    return paginate(users.map(toAccountView), total, q.page, q.pageSize);
  }
}
