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
  private readonly cache = new Map<string, string>();

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async get(name: string): Promise<string> {
    const cached = this.cache.get(name);
    if (cached) return cached;
    await this.ds.query('INSERT IGNORE INTO app_secrets (name, value, created_at) VALUES (?, ?, ?)', [
      name, randomBytes(32).toString('hex'), new Date(),
    ]);
    const [row] = (await this.ds.query('SELECT value FROM app_secrets WHERE name = ?', [name])) as { value: string }[];
    this.cache.set(name, row!.value);
    return row!.value;
  }

  async sign(name: string, message: string): Promise<string> {
    return createHmac('sha256', await this.get(name)).update(message).digest('base64url');
  }

  async verify(name: string, message: string, signature: string): Promise<boolean> {
    const expected = Buffer.from(await this.sign(name, message));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
