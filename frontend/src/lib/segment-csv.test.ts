import { describe, expect, it } from 'vitest';
import { parseCsv, segmentCustomersCsv } from './segment-csv';

const RESULTS = [
  'customer_id,recency_days,frequency,monetary,average_order_value,tenure_days,segment_id,segment_name,confidence,atypical,error',
  '10001,3,2,120.5,60.25,4,3,New customers,0.99,false,',
  '10002,200,1,20,20,200,0,Hibernating,0.97,false,',
  '"10,003",5,30,2000,66.67,500,2,Champions,0.95,false,',
  '10004,1,1,10,10,1,3,New customers,0.9,false,',
].join('\r\n');

describe('segment export', () => {
  it('reads quoted cells with commas and doubled quotes', () => {
    expect(parseCsv('a,"b,c","d ""e"""\n1,2,3\n')).toEqual([
      ['a', 'b,c', 'd "e"'],
      ['1', '2', '3'],
    ]);
  });

  it("keeps the header and only the chosen segment's customers", () => {
    const out = parseCsv(segmentCustomersCsv(RESULTS, 'New customers'));
    expect(out.map((row) => row[0])).toEqual(['customer_id', '10001', '10004']);
  });

  it('quotes cells that need it on the way out', () => {
    expect(segmentCustomersCsv(RESULTS, 'Champions')).toContain('"10,003",5,30');
  });

  it('refuses results without a segment column', () => {
    expect(() => segmentCustomersCsv('a,b\n1,2\n', 'X')).toThrow('segment_name');
  });
});
