import { Transform } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Dataset, ExportFormat, ExportRecord } from '#domain';

/** The HTTP headers of an export: its media type with its charset, and a file name. */
export function exportHeaders(d: Dataset, format: ExportFormat): Record<string, string> {
  switch (format) {
    case 'csv':
      return { 'Content-Type': 'text/csv; charset=utf-8; header=present', 'Content-Disposition': `attachment; filename="${d.name}.csv"` };
    case 'ndjson':
      return { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Content-Disposition': `inline; filename="${d.name}.ndjson"` };
    default:
      return { 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': `inline; filename="${d.name}.json"` };
  }
}

/**
 * Records in, text out: the serialiser of one format, a stream that respects backpressure on both sides. Its
 * output stays text (`encoding`): the socket encodes strings into its own write buffers, where a stream without
 * an encoding would first copy every row into a Buffer, garbage in the young generation until the next scavenge.
 */
export function exportSerializer(d: Dataset, format: ExportFormat): Transform {
  switch (format) {
    case 'csv':
      return csv(d);
    case 'ndjson':
      return new Transform({
        writableObjectMode: true,
        encoding: 'utf8',
        transform(row: ExportRecord, _enc, done) {
          done(null, `${JSON.stringify(row)}\n`);
        },
      });
    default:
      return jsonDocument();
  }
}

/**
 * UTF-8 with a BOM (spreadsheets then read the Chinese right), RFC 4180 (CRLF, fields quoted when they hold a
 * quote, comma or line break), a header row, and every cell a spreadsheet would run as a formula (starting with
 * = + - @, a tab or a CR) prefixed with a quote by csv-stringify's `escape_formulas` (OWASP's CSV injection advice).
 * Lists are joined with `;`, JSON values written as JSON text, null as an empty field.
 */
function csv(d: Dataset): Transform {
  const lists = new Set(d.columns.filter((c) => c.type === 'string[]').map((c) => c.name));
  return stringify({
    encoding: 'utf8',
    bom: true,
    header: true,
    columns: d.columns.map((c) => c.name),
    record_delimiter: '\r\n',
    escape_formulas: true,
    cast: {
      boolean: (v) => (v ? 'true' : 'false'),
      // Arrays and objects: a list column joined with `;`, a JSON column as JSON text; then quoted and escaped as text.
      object: (v, ctx) => (lists.has(String(ctx.column)) ? (v as unknown as string[]).join(';') : JSON.stringify(v)),
    },
  });
}

/** `{"items":[…]}`, written as the rows come: the opening first, a comma before every row but the first, the end last. */
function jsonDocument(): Transform {
  let first = true;
  return new Transform({
    writableObjectMode: true,
    encoding: 'utf8',
    transform(row: ExportRecord, _enc, done) {
      const text = JSON.stringify(row);
      done(null, first ? `{"items":[${text}` : `,${text}`);
      first = false;
    },
    flush(done) {
      done(null, first ? '{"items":[]}' : ']}');
    },
  });
}
