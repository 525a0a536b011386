import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { MailOptOuts } from '#mail';
import { isOptedOut } from './notifications.queries.js';

/** The mail sender's view of the opt-outs this context owns. */
@Injectable()
export class MailOptOutsService implements MailOptOuts {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  isOptedOut(userId: string, scope: string): Promise<boolean> {
    return isOptedOut(this.ds.manager, userId, scope);
  }
}
