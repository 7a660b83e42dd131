// csv-stringify is the writer of the node-csv project (adaltas/node-csv), maintained and widely
// used: RFC 4180 quoting has enough corners (quotes, CR, LF, delimiters) not to hand-roll. Its
// stream API writes the large exports row by row (results-export.ts); the sync one, small tables.
import type { Options } from 'csv-stringify';
import { stringify } from 'csv-stringify/sync';
import type { Cell, Table } from '../core/results/tables.ts';

/**
 * RFC 4180: CRLF line ends, quotes doubled, any field holding a quote, comma, CR or LF quoted;
 * UTF-8 with a byte-order mark so that Excel reads accents right.
 *
 * CSV injection (OWASP): a text cell starting with = + - @ tab or CR (or their full-width
 * forms, which Apple Numbers folds into them) gets a leading apostrophe, so a spreadsheet shows
 * it as text instead of running it. Numbers are left alone: they are written from JavaScript
 * numbers, so a cell holds digits, a point, an exponent and at most a leading minus, which
 * every spreadsheet reads as a number and never as a formula; prefixing them would turn a
 * column of points into text. (Points are never negative anyway: scoring floors them at 0.)
 */
export const CSV_OPTIONS: Options = {
  bom: true,
  record_delimiter: 'windows',
  // Without this, setting record_delimiter stops csv-stringify quoting a lone LF or CR.
  quote_record_delimiter: true,
  escape_formulas: true,
  cast: { number: (value) => (Number.isFinite(value) ? String(value) : '') },
};

export function toCsv(table: Table): string {
  return csvOf([table.header, ...table.rows]);
}

export function csvOf(records: Iterable<Cell[]>): string {
  return stringify([...records], CSV_OPTIONS);
}
