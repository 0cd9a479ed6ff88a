// The closing log's summary: closed months as runs, a month left open a gap.
import { describe, expect, it } from 'vitest';
import { monthRuns } from '../src/io/views/periods.js';

describe('monthRuns', () => {
  it('runs of consecutive months across years; a month reopened splits its run', () => {
    expect(monthRuns(['2024-11', '2016-01', '2016-02', '2016-12', '2017-01', '2024-09'])).toEqual(['2016-01 … 2016-02', '2016-12 … 2017-01', '2024-09', '2024-11']);
    expect(monthRuns(['2024-01'])).toEqual(['2024-01']);
    expect(monthRuns([])).toEqual([]);
  });
});
