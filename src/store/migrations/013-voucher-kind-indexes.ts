// Version 13: the vouchers' indexes by kind. vouchers_kind (kind, period) held an entry for every
// voucher, a million-line import's 470,000 vouchers included, where only the year-close vouchers are
// ever looked up by kind (the closing of a year, the years declared): a partial index holds those
// alone. The reversal of a voucher, looked up by the voucher it reverses (voucher show, reverse),
// was a scan of every voucher; a partial index holds the reversals.
export const sql = `
DROP INDEX vouchers_kind;
CREATE INDEX vouchers_year_close ON vouchers(period) WHERE kind = 'year-close';
CREATE INDEX vouchers_reversals ON vouchers(reverses) WHERE reverses IS NOT NULL;
`;
