/**
 * A strict RFC 4180 reader for the export tests: records end in CRLF, a field is either bare (no quote, comma, CR
 * or LF) or quoted (a quote doubled inside). Anything else throws, so a test that parses an export also checks it.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quoted field at ${i}`);
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      const m = /[,\r\n"]/.exec(text.slice(i));
      const end = m ? i + m.index : text.length;
      field = text.slice(i, end);
      if (text[end] === '"') throw new Error(`quote inside a bare field at ${end}`);
      if (text[end] === '\n') throw new Error(`LF without CR at ${end}`);
      i = end;
    }
    record.push(field);
    if (text[i] === ',') {
      i += 1;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
      if (i === text.length) return records;
      continue;
    }
    if (i === text.length) {
      records.push(record);
      return records;
    }
    throw new Error(`unexpected ${JSON.stringify(text[i])} after a field at ${i}`);
  }
}
