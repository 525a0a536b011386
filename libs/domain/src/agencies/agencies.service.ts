import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '#config';
import { newId, readDataFile } from '#database';
import { ConflictError, NotFoundError, RuleViolationError, isDuplicateKeyError } from '../shared/index.js';
import { Agency } from './agency.entity.js';

export interface AgencyView {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  shortZh: string | null;
  parentId: string | null;
  renamedToId: string | null;
  renamedOn: string | null;
}

export interface CreateAgency {
  code: string;
  nameZh: string;
  nameEn: string;
  parentId?: string | null;
  email?: string | null;
}

interface AgencyRow {
  id: string;
  name_zh: string;
  short_zh: string | null;
  aliases_zh: string[];
  name_en: string;
  name_en_confidence: string | null;
  parent_zh: string | null;
  kind: string | null;
  jurisdiction: string;
  established?: string;
  renamed_to?: string;
  renamed_on?: string;
}

export function toAgencyView(a: Agency): AgencyView {
  return {
    id: a.id,
    code: a.code,
    nameZh: a.nameZh,
    nameEn: a.nameEn,
    shortZh: a.shortZh,
    parentId: a.parentId,
    renamedToId: a.renamedToId,
    renamedOn: a.renamedOn,
  };
}

@Injectable()
export class AgenciesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<AgencyView[]> {
    const rows = await this.ds.getRepository(Agency).find({ order: { nameZh: 'ASC' } });
    return rows.map(toAgencyView);
  }

  async get(id: string): Promise<Agency> {
    const a = await this.ds.getRepository(Agency).findOneBy({ id });
    if (!a) throw new NotFoundError('agency', id);
    return a;
  }

  async findByCode(code: string): Promise<Agency | null> {
    return this.ds.getRepository(Agency).findOneBy({ code });
  }

  async create(input: CreateAgency): Promise<AgencyView> {
    return this.ds.transaction(async (em) => {
      if (input.parentId && !(await em.existsBy(Agency, { id: input.parentId }))) {
        throw new RuleViolationError(`parent agency ${input.parentId} does not exist`);
      }
      const now = this.clock.now();
      const agency = em.create(Agency, {
        id: newId(),
        code: input.code,
        nameZh: input.nameZh,
        nameEn: input.nameEn,
        shortZh: null,
        aliasesZh: null,
        nameEnConfidence: null,
        kind: null,
        jurisdiction: 'Taiwan',
        parentId: input.parentId ?? null,
        renamedToId: null,
        renamedOn: null,
        established: null,
        email: input.email ?? null,
        createdAt: now,
        updatedAt: now,
      });
      try {
        await em.insert(Agency, agency);
      } catch (err) {
        if (isDuplicateKeyError(err)) throw new ConflictError(`an agency with code "${input.code}" already exists`);
        throw err;
      }
      return toAgencyView(agency);
    });
  }

  /**
   * Loads the government bodies of data/agencies.json (taken from the seeds) when the directory is
   * empty. Parent and renamed-to links are resolved by Chinese name. Returns how many were inserted.
   */
  async loadReferenceData(em: EntityManager = this.ds.manager): Promise<number> {
    if ((await em.count(Agency)) > 0) return 0;
    const { agencies } = readDataFile<{ agencies: AgencyRow[] }>('agencies.json');
    const now = this.clock.now();
    const byName = new Map<string, string>();
    const rows = agencies.map((r) => {
      const id = newId();
      byName.set(r.name_zh, id);
      return { r, id };
    });
    await em.transaction(async (tx) => {
      await tx.insert(
        Agency,
        rows.map(({ r, id }) => ({
          id,
          code: r.id,
          nameZh: r.name_zh,
          shortZh: r.short_zh,
          aliasesZh: r.aliases_zh?.length ? r.aliases_zh : null,
          nameEn: r.name_en,
          nameEnConfidence: r.name_en_confidence,
          kind: r.kind,
          jurisdiction: r.jurisdiction,
          parentId: null,
          renamedToId: null,
          renamedOn: r.renamed_on ?? null,
          established: r.established ?? null,
          email: null,
          createdAt: now,
          updatedAt: now,
        })) as never,
      );
      for (const { r, id } of rows) {
        const parentId = r.parent_zh ? (byName.get(r.parent_zh) ?? null) : null;
        const renamedToId = r.renamed_to ? (byName.get(r.renamed_to) ?? null) : null;
        if (parentId || renamedToId) await tx.update(Agency, { id }, { parentId, renamedToId });
      }
    });
    return rows.length;
  }
}
