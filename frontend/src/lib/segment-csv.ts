/** Split CSV text into records (RFC 4180: quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string, delimiter: ',' | ';' | '\t' = ','): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      record.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || record.length) {
    record.push(cell);
    records.push(record);
  }
  return records;
}

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** The header and the rows of scored results whose segment_name is ``segment``, as CSV text. */
export function segmentCustomersCsv(resultsCsv: string, segment: string): string {
  const [header, ...rows] = parseCsv(resultsCsv);
  if (!header) return '';
  const column = header.indexOf('segment_name');
  if (column < 0) throw new Error('The results have no segment_name column.');
  const kept = rows.filter((row) => row[column] === segment);
  return [header, ...kept].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}
