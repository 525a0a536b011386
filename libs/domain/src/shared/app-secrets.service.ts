import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * Installation-wide secrets kept in the database, so the API and the worker (separate processes)
 * share them without configuration: made at first use, never changed afterwards.
 */
@Injectable()
export class AppSecretsService {
  private readonly cache = new Map<string, Promise<string>>();

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** One load per name and process, shared by concurrent callers; a failed load is tried again next time. */
  get(name: string): Promise<string> {
    let value = this.cache.get(name);
    if (!value) {
      value = this.load(name);
      this.cache.set(name, value);
      value.catch(() => this.cache.delete(name));
    }
    return value;
  }

  private async load(name: string): Promise<string> {
    await this.ds.query('INSERT IGNORE INTO app_secrets (name, value, created_at) VALUES (?, ?, ?)', [
      name,
      randomBytes(32).toString('hex'),
      new Date(),
    ]);
    const [row] = (await this.ds.query('SELECT value FROM app_secrets WHERE name = ?', [name])) as { value: string }[];
    return row!.value;
  }

  async sign(name: string, message: string): Promise<string> {
    return createHmac('sha256', await this.get(name))
      .update(message)
      .digest('base64url');
  }

  async verify(name: string, message: string, signature: string): Promise<boolean> {
    const expected = Buffer.from(await this.sign(name, message));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
