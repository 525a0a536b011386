import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A government body (機關). Renamed bodies keep their row and point to their successor. */
@Entity({ name: 'agencies' })
export class Agency {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  code: string;

  @Column({ name: 'name_zh', type: 'varchar', length: 200 })
  nameZh: string;

  @Column({ name: 'short_zh', type: 'varchar', length: 100, nullable: true })
  shortZh: string | null;

  @Column({ name: 'aliases_zh', type: 'json', nullable: true })
  aliasesZh: string[] | null;

  @Column({ name: 'name_en', type: 'varchar', length: 300 })
  nameEn: string;

  @Column({ name: 'name_en_confidence', type: 'varchar', length: 20, nullable: true })
  nameEnConfidence: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  kind: string | null;

  @Column({ type: 'varchar', length: 50 })
  jurisdiction: string;

  @Column({ name: 'parent_id', type: 'char', length: 36, nullable: true })
  parentId: string | null;

  @Column({ name: 'renamed_to_id', type: 'char', length: 36, nullable: true })
  renamedToId: string | null;

  @Column({ name: 'renamed_on', type: 'varchar', length: 10, nullable: true })
  renamedOn: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  established: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}
