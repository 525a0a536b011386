import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ID_COLUMN as ID, TABLE_OPTIONS as T } from '../naming.js';

/**
 * Unsubscribing from any mail but account mail: who left which kind of mail (`proposal:{id}`, `agency`,
 * `moderation`), and on each queued mail the kind it belongs to, so mail queued before someone left is not sent.
 */
export class CreateMailOptOuts1764300000000 implements MigrationInterface {
  name = 'CreateMailOptOuts1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE mail_opt_outs (
      user_id ${ID} NOT NULL,
      scope VARCHAR(60) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      created_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_mail_opt_outs PRIMARY KEY (user_id, scope),
      CONSTRAINT fk_mail_opt_outs__user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
    ) ${T}`);
    await q.query(
      'ALTER TABLE mail_messages ADD COLUMN opt_out_scope VARCHAR(60) CHARACTER SET ascii COLLATE ascii_bin NULL AFTER user_id',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE mail_messages DROP COLUMN opt_out_scope');
    await q.query('DROP TABLE mail_opt_outs');
  }
}
