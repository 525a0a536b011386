import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig, Clock } from '#config';
import { NotFoundError } from '../shared/index.js';
import { COLUMN_TYPE_NOTES, DATASETS, type Dataset, type DatasetColumn, datasetNamed } from './open-data.datasets.js';
import { datasetChunk, datasetSize } from './open-data.queries.js';

export const EXPORT_FORMATS = ['csv', 'json', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Rows read per statement. Small enough that a chunk of the widest rows (proposals' free-text fields) is a megabyte
 * or so; large enough that the reads keep up with the socket.
 *
 * The API's resident set still grows some 70 MB during its first large export, the same for 20,000 rows as for
 * 100,000 (bench:export, sampling the heap spaces): V8's young generation, two semi-spaces of 64 MB (start.mjs's
 * --max-semi-space-size=64, also V8's default on this heap size), is reserved at start-up but its pages become
 * resident only as an export's garbage fills it between scavenges; the old generation grows by a few MB. It is
 * bounded by the young generation's size, not by the rows.
 */
export const EXPORT_CHUNK_ROWS = 200;

export type ExportRecord = Record<string, unknown>;

/** A dataset opened for export: its columns, and its rows as they are read (the first chunk already read). */
export interface OpenExport {
  dataset: Dataset;
  rows: AsyncGenerator<ExportRecord>;
}

/**
 * Open data: the catalogue of the datasets (with their dictionaries, licence, sizes) and their rows, streamed.
 * Reads only; every statement is in open-data.queries.ts.
 */
@Injectable()
export class OpenDataService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  private counted: { at: number; sizes: ReturnType<OpenDataService['count']> } | null = null;

  /**
   * Row counts and last updates: each a scan of its table, so kept for STATISTICS_CACHE_SECONDS (a crawler on the
   * open-data page must not scan every table per request). A failed count is not kept.
   */
  private sizes() {
    const now = this.clock.now().getTime();
    const ttlMs = this.config.statisticsCacheSeconds * 1000;
    if (this.counted && now - this.counted.at < ttlMs) return this.counted.sizes;
    const sizes = this.count();
    this.counted = { at: now, sizes };
    sizes.catch(() => this.counted?.sizes === sizes && (this.counted = null));
    return sizes;
  }

  private count() {
    return Promise.all(DATASETS.map((d) => datasetSize(this.ds, d)));
  }

  async catalogue() {
    const base = `${this.config.publicUrl}/api/v1/export`;
    const license = this.config.openDataLicense;
    const sizes = await this.sizes();
    const datasets = DATASETS.map((d, i) => ({
      name: d.name,
      titleZh: d.titleZh,
      titleEn: d.titleEn,
      descriptionZh: d.descriptionZh,
      descriptionEn: d.descriptionEn,
      formats: [...EXPORT_FORMATS],
      urls: { csv: `${base}/${d.name}.csv`, json: `${base}/${d.name}.json`, ndjson: `${base}/${d.name}.json?format=ndjson` },
      license,
      rows: sizes[i]!.rows,
      lastUpdate: sizes[i]!.lastUpdate ? sizes[i]!.lastUpdate.toISOString() : null,
      dictionary: d.columns.map((c) => ({ name: c.name, type: c.type, zh: c.zh, en: c.en })),
    }));
    return { license, types: COLUMN_TYPE_NOTES, datasets, generatedAt: this.clock.now().toISOString() };
  }

  /** The dataset of this name, or a 404. */
  dataset(name: string): Dataset {
    const d = datasetNamed(name);
    if (!d) throw new NotFoundError('dataset', name);
    return d;
  }

  /**
   * Opens the dataset's rows: reads the first chunk now (so a failing database is an error response, not a cut
   * download), then yields the rows one by one, reading the next chunk while the current one is written. At most
   * two chunks are in memory, whatever the row count; a consumer that stops (a client gone) stops the reading.
   */
  async open(name: string): Promise<OpenExport> {
    const d = this.dataset(name);
    const first = await datasetChunk(this.ds, d, null, EXPORT_CHUNK_ROWS);
    return { dataset: d, rows: this.rowsFrom(d, first) };
  }

  private async *rowsFrom(d: Dataset, first: Record<string, unknown>[]): AsyncGenerator<ExportRecord> {
    const keyName = d.columns[0]!.name;
    let chunk = first;
    for (;;) {
      let next: Promise<Record<string, unknown>[]> | undefined;
      if (chunk.length === EXPORT_CHUNK_ROWS) {
        next = datasetChunk(this.ds, d, String(chunk[chunk.length - 1]![keyName]), EXPORT_CHUNK_ROWS);
        // Awaited below; if the consumer stops first, its outcome no longer matters (and must not be unhandled).
        next.catch(() => undefined);
      }
      for (const row of chunk) yield toRecord(d.columns, row);
      if (!next) return;
      chunk = await next;
    }
  }
}

/** A row as the export publishes it: times in ISO-8601 UTC, numbers as numbers, lists as arrays, JSON parsed. */
export function toRecord(columns: DatasetColumn[], row: Record<string, unknown>): ExportRecord {
  const out: ExportRecord = {};
  for (const c of columns) out[c.name] = publishedValue(c, row[c.name]);
  return out;
}

function publishedValue(c: DatasetColumn, v: unknown): unknown {
  if (v === null || v === undefined) return c.type === 'string[]' ? [] : null;
  switch (c.type) {
    case 'datetime':
      return (v instanceof Date ? v : new Date(String(v))).toISOString();
    case 'integer':
      return Number(v);
    case 'boolean':
      return Boolean(Number(v));
    case 'string[]':
      return v === '' ? [] : String(v).split(',');
    case 'json':
      return typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
    default:
      return v instanceof Date ? v.toISOString() : String(v);
  }
}
