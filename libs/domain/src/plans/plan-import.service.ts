import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '#config';
import { Agency } from '../agencies/index.js';
import { type Actor, ConflictError, RuleViolationError, isDuplicateKeyError } from '../shared/index.js';
import { type DocumentError, type PlanDocument, crossItemErrors, items, jsonPath, planDocumentSchema } from './plan-document.js';
import { Plan } from './plan.entities.js';
import { assertCanEditPlans } from './plans.policy.js';
import { insertCommitment, insertPlan } from './plan-writer.js';

/** A document of thousands of wrong items is not listed in full: the first errors, in document order, tell what is wrong. */
const MAX_ERRORS_LISTED = 1000;

/** A plan document the importer refuses: every error, each at its JSON path. Nothing was written. */
export class PlanDocumentError extends RuleViolationError {
  constructor(readonly errors: DocumentError[]) {
    super(
      `the plan document is not valid (${errors.length < MAX_ERRORS_LISTED ? errors.length : `${MAX_ERRORS_LISTED} or more`} error${errors.length === 1 ? '' : 's'}): nothing was imported`,
    );
  }
}

/**
 * Imports a whole plan document: validated as a whole first (structure, then every agency code it names), then
 * applied in one transaction. A plan code that exists is a conflict (409): an import never changes a plan.
 */
@Injectable()
export class PlanImportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async import(actor: Actor, input: unknown): Promise<string> {
    assertCanEditPlans(actor);
    return this.importTrusted(input);
  }

  /** The import itself, for callers that act for the platform (the demo data). Returns the new plan's id. */
  async importTrusted(input: unknown): Promise<string> {
    const doc = await this.validate(this.ds.manager, input);
    try {
      return await this.ds.transaction(async (em) => {
        if (await em.existsBy(Plan, { code: doc.code })) throw new ConflictError(`a plan with code "${doc.code}" already exists`);
        const agencyIds = await agencyIdsByCode(em);
        const now = this.clock.now();
        const { commitments, formatVersion: _v, ...plan } = doc;
        const planId = await insertPlan(em, plan, now);
        for (const [position, c] of commitments.entries()) {
          await insertCommitment(em, { planId, position, proposalId: null, doc: c, agencyIds, now });
        }
        return planId;
      });
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new ConflictError(`a plan with code "${doc.code}" already exists`);
      throw err;
    }
  }

  /** The document, parsed, or a PlanDocumentError listing every error found. */
  async validate(em: EntityManager, input: unknown): Promise<PlanDocument> {
    const parsed = planDocumentSchema.safeParse(input);
    const errors: DocumentError[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: jsonPath(i.path), message: i.message }));
    // Rules across items and agency codes are checked on the raw input: a document with structural errors still lists them.
    errors.push(...crossItemErrors(input));
    const known = new Set((await agencyIdsByCode(em)).keys());
    for (const ref of agencyRefs(input)) {
      if (!known.has(ref.code)) errors.push({ path: ref.path, message: `unknown agency code "${ref.code}"` });
    }
    if (!parsed.success || errors.length) throw new PlanDocumentError(dedupe(errors).sort(byPath).slice(0, MAX_ERRORS_LISTED));
    return parsed.data;
  }
}

async function agencyIdsByCode(em: EntityManager): Promise<Map<string, string>> {
  const rows = await em.find(Agency, { select: { id: true, code: true } });
  return new Map(rows.map((a) => [a.code, a.id]));
}

/** Every agency code a (possibly malformed) document names, with its path. */
function agencyRefs(input: unknown): { path: string; code: string }[] {
  const out: { path: string; code: string }[] = [];
  items(input, 'commitments').forEach((c, i) => {
    for (const side of ['leadAgencies', 'coAgencies']) {
      items(c, side).forEach((a, j) => {
        if (typeof a.code === 'string') out.push({ path: jsonPath(['commitments', i, side, j, 'code']), code: a.code });
      });
    }
    items(c, 'milestones').forEach((m, k) => {
      items(m, 'progress').forEach((p, l) => {
        if (typeof p.agencyCode === 'string')
          out.push({ path: jsonPath(['commitments', i, 'milestones', k, 'progress', l, 'agencyCode']), code: p.agencyCode });
      });
    });
  });
  return out;
}

function dedupe(errors: DocumentError[]): DocumentError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\n${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Errors in document order: numeric indexes compare as numbers (`commitments[2]` before `commitments[10]`). */
function byPath(a: DocumentError, b: DocumentError): number {
  return a.path.localeCompare(b.path, 'en', { numeric: true });
}
