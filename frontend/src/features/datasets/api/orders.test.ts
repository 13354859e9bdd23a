import { describe, expect, it } from 'vitest';
import { decodeFileText, detectDateOrder, mappingError, normaliseHeader, parsePreview, suggestMapping, toColumns } from './orders';

const ONLINE_RETAIL = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'];

describe('mapping an orders file', () => {
  it('finds the Online Retail columns by their header variants', () => {
    expect(suggestMapping(ONLINE_RETAIL)).toEqual({
      customer: 'CustomerID',
      date: 'InvoiceDate',
      quantity: 'Quantity',
      unit_price: 'UnitPrice',
      order: 'InvoiceNo',
    });
  });

  it('prefers an amount over a unit price without a quantity, and normalises units and case', () => {
    expect(normaliseHeader('Unit Price ($)')).toBe('unitprice');
    expect(suggestMapping(['Order ID', 'Customer', 'Order Date', 'Total (EUR)', 'Price'])).toEqual({
      order: 'Order ID',
      customer: 'Customer',
      date: 'Order Date',
      amount: 'Total (EUR)',
    });
  });

  it('needs a customer, a date and an amount or both quantity and price, each column once', () => {
    expect(mappingError({})).toBe('Choose the customer id, the order date, an amount (or both quantity and unit price).');
    expect(mappingError({ customer: 'c', date: 'd', quantity: 'q' })).toBe('Choose an amount (or both quantity and unit price).');
    expect(mappingError({ customer: 'c', date: 'c', amount: 'a' })).toBe('Each column can have one role only.');
    expect(mappingError({ customer: 'c', date: 'd', quantity: 'q', unit_price: 'p' })).toBeNull();
  });

  it('sends only the roles in use: an amount drops quantity and unit price', () => {
    expect(toColumns({ customer: 'c', date: 'd', amount: 'a', quantity: 'q', unit_price: 'p', order: undefined })).toEqual({
      customer: 'c',
      date: 'd',
      amount: 'a',
    });
  });
});

describe('dates and the preview', () => {
  it('reads the date order the way the server guesses it', () => {
    expect(detectDateOrder(['12/1/2010 8:26', '12/13/2010 9:00'])).toBe('month-first');
    expect(detectDateOrder(['25/12/2020', '01/02/2021'])).toBe('day-first');
    expect(detectDateOrder(['2010-12-01T08:26:00'])).toBe('iso');
    expect(detectDateOrder(['', 'soon'])).toBeNull();
  });

  it('parses the first whole lines, comma or semicolon separated, quotes included', () => {
    const text = '\ufeffcustomer;date;amount\n1;25/12/2020;"10,50"\n2;01/01/2021;3\n3;02/01/2021;4\n4;03/01/20';
    const p = parsePreview(text, 2);
    expect(p.delimiter).toBe(';');
    expect(p.header).toEqual(['customer', 'date', 'amount']);
    expect(p.rows).toEqual([
      ['1', '25/12/2020', '10,50'],
      ['2', '01/01/2021', '3'],
    ]);
    // The cut last line is not shown.
    expect(parsePreview(text, 10).rows.map((r) => r[0])).toEqual(['1', '2', '3']);
  });

  it('reads an Excel export in the encoding the server detects: UTF-16 with tabs, or Windows-1252', () => {
    const text = 'customer\tcity\tamount\r\n1\tZürich\t3\r\n';
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from(text).flatMap((c) => [c.charCodeAt(0), 0])]);
    const p = parsePreview(decodeFileText(utf16));
    expect(p.delimiter).toBe('\t');
    expect(p.rows).toEqual([['1', 'Zürich', '3']]);
    // (Node decodes 'windows-1252' as Latin-1, so 0x80-0x9f would not test the browser here.)
    const windows1252 = new Uint8Array([...'id;city\n1;Z'].map((c) => c.charCodeAt(0)).concat([0xfc, 0x72, 0x0a]));
    expect(decodeFileText(windows1252)).toBe('id;city\n1;Zür\n');
    // UTF-8 with a character cut at the end of the 64 KB slice is still UTF-8.
    const cut = new TextEncoder().encode('id,city\n1,Zürich\n2,Zü').slice(0, -1);
    expect(decodeFileText(cut)).toBe('id,city\n1,Zürich\n2,Z');
  });
});
