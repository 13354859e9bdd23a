import { parseCsv } from '@/lib/segment-csv';
import type { DateOrder, OrderRole } from '@/lib/training';

/** An order file's columns by role; `amount`, or `quantity` and `unit_price`. */
export type OrderMapping = Partial<Record<OrderRole, string>>;
/** How slashed dates read: detected from the file (the API's default), or chosen. */
export type DateChoice = 'auto' | DateOrder;

export const ROLES: { role: OrderRole; label: string; hint: string }[] = [
  { role: 'customer', label: 'Customer id', hint: 'Who ordered; lines without one are counted and left out.' },
  { role: 'date', label: 'Order date or date-time', hint: 'ISO (2010-12-01) or slashed (12/1/2010 8:26).' },
  { role: 'amount', label: 'Amount (line total)', hint: 'Or leave it out and map quantity and unit price.' },
  { role: 'quantity', label: 'Quantity', hint: 'Negative quantities are returns.' },
  { role: 'unit_price', label: 'Unit price', hint: 'Multiplied by the quantity.' },
  { role: 'order', label: 'Order id (optional)', hint: 'Lines of one order count once; ids starting with C are cancellations.' },
];

/**
 * Header variants per role, most specific first: the list segcore.rfm.HEADER_VARIANTS uses
 * when no mapping is sent, so the columns pre-selected here are the ones training would find.
 */
const VARIANTS: Record<OrderRole, string[]> = {
  customer: ['customerid', 'customer', 'customerno', 'customernumber', 'custid', 'clientid', 'client', 'userid', 'memberid', 'accountid', 'buyerid'],
  date: ['invoicedate', 'orderdate', 'orderdatetime', 'transactiondate', 'purchasedate', 'saledate', 'date', 'datetime', 'timestamp', 'ordertime', 'createdat'],
  amount: ['amount', 'total', 'ordertotal', 'linetotal', 'totalamount', 'netamount', 'sales', 'revenue', 'spend', 'value'],
  quantity: ['quantity', 'qty', 'units', 'quantityordered'],
  unit_price: ['unitprice', 'price', 'itemprice', 'priceeach'],
  order: ['invoiceno', 'invoice', 'invoiceid', 'invoicenumber', 'orderid', 'orderno', 'ordernumber', 'order', 'transactionid', 'receiptid'],
};

/** `Unit Price ($)` -> `unitprice`, as segcore.features.normalise_header. */
export const normaliseHeader = (name: string) =>
  name
    .replace(/\ufeff/g, '')
    .replace(/\([^)]*\)/g, ' ')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

/** The columns a header's names suggest for each role (each column used once). */
export function suggestMapping(header: string[]): OrderMapping {
  const keys = header.map(normaliseHeader);
  const used = new Set<string>();
  const found: OrderMapping = {};
  for (const role of Object.keys(VARIANTS) as OrderRole[]) {
    for (const variant of VARIANTS[role]) {
      const i = keys.findIndex((k, j) => k === variant && !used.has(header[j]!));
      if (i >= 0) {
        found[role] = header[i]!;
        used.add(header[i]!);
        break;
      }
    }
  }
  // An amount wins over a unit price without a quantity.
  if (found.amount && found.unit_price && !found.quantity) delete found.unit_price;
  return found;
}

/** Why the mapping cannot be trained, or null. */
export function mappingError(m: OrderMapping): string | null {
  const missing: string[] = [];
  if (!m.customer) missing.push('the customer id');
  if (!m.date) missing.push('the order date');
  if (!m.amount && !(m.quantity && m.unit_price)) missing.push('an amount (or both quantity and unit price)');
  if (missing.length) return `Choose ${missing.join(', ')}.`;
  const chosen = Object.values(m).filter(Boolean);
  if (new Set(chosen).size !== chosen.length) return 'Each column can have one role only.';
  return null;
}

/** The mapping as `POST /train` takes it (`columns`): only the roles chosen. */
export function toColumns(m: OrderMapping): OrderMapping {
  const out: OrderMapping = {};
  for (const { role } of ROLES) if (m[role]) out[role] = m[role];
  // With an amount, quantity and unit price are not used.
  if (out.amount) {
    delete out.quantity;
    delete out.unit_price;
  }
  return out;
}

const SLASHED = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}\b/;

/** The date order the values show, as segcore.rfm guesses it: more first fields above 12 means day-first. */
export function detectDateOrder(values: string[]): 'iso' | DateOrder | null {
  let slashed = 0;
  let highFirst = 0;
  let highSecond = 0;
  let iso = 0;
  for (const v of values) {
    const m = SLASHED.exec(v);
    if (m) {
      slashed++;
      if (Number(m[1]) > 12) highFirst++;
      if (Number(m[2]) > 12) highSecond++;
    } else if (/^\s*\d{4}[-/]\d{1,2}[-/]\d{1,2}/.test(v)) iso++;
  }
  if (slashed) return highFirst > highSecond ? 'day-first' : 'month-first';
  return iso ? 'iso' : null;
}

export type Delimiter = ',' | ';' | '\t';
export type Preview = { header: string[]; rows: string[][]; delimiter: Delimiter };
export const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };
export const ENCODING_NAMES = { 'utf-8': 'UTF-8', 'utf-16': 'UTF-16', 'windows-1252': 'Windows-1252' } as const;

/** The header's most frequent of comma, semicolon and tab (the first on a tie), as the server chooses. */
function delimiterOf(firstLine: string): Delimiter {
  const count = (d: Delimiter) => firstLine.split(d).length - 1;
  return ([',', ';', '\t'] as const).reduce((best, d) => (count(d) > count(best) ? d : best));
}

/** The first lines of a CSV as parsed: comma, semicolon or tab separated. */
export function parsePreview(text: string, maxRows = 8): Preview {
  // Only whole lines: the last one of a slice may be cut.
  const whole = text.includes('\n') ? text.slice(0, text.lastIndexOf('\n') + 1) : text;
  const firstLine = whole.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = delimiterOf(firstLine);
  const records = parseCsv(whole.replace(/^\ufeff/, ''), delimiter).filter((r) => r.some((c) => c.trim() !== ''));
  const [header = [], ...rows] = records;
  return { header: header.map((h) => h.trim()), rows: rows.slice(0, maxRows), delimiter };
}

/**
 * Bytes as text in the encoding the server detects (segcore/encoding.py): UTF-16 with a byte-order
 * mark, else UTF-8 when it decodes, else Windows-1252. `stream` lets a character cut by the slice's end pass.
 */
export function decodeFileText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** A blob's bytes through FileReader (every browser, and jsdom in tests). */
function readBytes(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsArrayBuffer(blob);
  });
}

/** The first 64 KB of a file, previewed. */
export async function readPreview(file: Blob, maxRows = 8): Promise<Preview> {
  return parsePreview(decodeFileText(await readBytes(file.slice(0, 64 * 1024))), maxRows);
}

/** The mapping chosen at upload, kept for this browser tab until the dataset is trained. */
const mappingKey = (datasetId: string) => `orders-mapping:${datasetId}`;
export type RememberedMapping = { columns: OrderMapping; dateOrder: DateChoice };

export function rememberMapping(datasetId: string, value: RememberedMapping): void {
  try {
    window.sessionStorage.setItem(mappingKey(datasetId), JSON.stringify(value));
  } catch {
    /* storage unavailable: the dataset's page suggests the mapping again */
  }
}

export function rememberedMapping(datasetId: string): RememberedMapping | null {
  try {
    const raw = window.sessionStorage.getItem(mappingKey(datasetId));
    return raw ? (JSON.parse(raw) as RememberedMapping) : null;
  } catch {
    return null;
  }
}
