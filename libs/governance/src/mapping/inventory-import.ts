import { parse as parseCsv } from 'csv-parse';
import { DomainError, type ProblemItem } from '@kaari/common/errors.js';
import { uploadRefused, yielder, type UploadLimits } from '@kaari/common/upload-limits.js';
import { readXlsxRows, UnzippedTooLarge, type XlsxCell } from '@kaari/common/xlsx-reader.js';
import { AGE_GROUP_KEYS, PROVIDER_TYPES, SECTORS, TARGETING, type Labels } from '../forms/form-labels.js';

type Field = 'service' | 'providerType' | 'providerName' | 'sector' | 'ageGroups' | 'targeting' | 'euros' | 'personYears' | 'notes' | `users:${string}`;

/** Column names a file may use, in English, Finnish or Swedish; compared without case, spaces, dashes or underscores. */
const COLUMNS: Array<[Field, string[]]> = [
  ['service', ['service', 'palvelu', 'tjänst']],
  ['providerType', ['providertype', 'tuottajatyyppi', 'producenttyp']],
  ['providerName', ['providername', 'provider', 'tuottaja', 'producent']],
  ['sector', ['sector', 'toimiala', 'sektor']],
  ['ageGroups', ['agegroups', 'ikäryhmät', 'kohdeikäryhmät', 'åldersgrupper']],
  ['targeting', ['targeting', 'kohdentuminen', 'inriktning']],
  ['euros', ['euros', 'eur', 'euroa', 'cost', 'kustannus', 'kostnad']],
  ['personYears', ['personyears', 'htv', 'henkilötyövuodet', 'årsverken']],
  ['notes', ['notes', 'huomautukset', 'lisätiedot', 'anmärkningar']],
  ...AGE_GROUP_KEYS.map((g): [Field, string[]] => {
    const n = g.replace('-', '');
    return [`users:${g}`, [`users${n}`, `käyttäjät${n}`, `användare${n}`]];
  }),
];
const REQUIRED: Field[] = ['service', 'providerType', 'providerName', 'sector', 'targeting', 'euros'];

const normalise = (s: string) =>
  s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s_\-–—]+/g, '');
const BY_NAME = new Map(COLUMNS.flatMap(([field, names]) => names.map((n) => [normalise(n), field] as const)));

/** Values may be given as keys (`ngo`) or as any label (`Järjestö`, `NGO`, `Organisation`). */
function valueLookup(table: Record<string, Labels>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [key, l] of Object.entries(table)) for (const name of [key, l.fi, l.en, l.sv]) map.set(normalise(name), key);
  return map;
}
const VALUES: Partial<Record<Field, Map<string, string>>> = {
  providerType: valueLookup(PROVIDER_TYPES),
  sector: valueLookup(SECTORS),
  targeting: valueLookup(TARGETING),
};

export type Cell = XlsxCell;

export interface ParsedInventory {
  rows: Array<{ rowNumber: number; row: Record<string, unknown> }>;
  problems: ProblemItem[];
  columns: Map<Field, string>;
}

interface SourceRow {
  rowNumber: number;
  cells: Cell[];
}

/** A single CSV field or line longer than this is no service row: the delimiter or the quoting is wrong. */
const MAX_CSV_RECORD_CHARS = 64 * 1024;
/** Text handed to the CSV parser at a time: a slice is parsed without a pause, so it is small. */
const CSV_SLICE_CHARS = 1024;

/**
 * Reads an uploaded CSV or .xlsx file into inventory rows as a stream: a row at a time, the
 * event loop served between rows, and refused the moment it has more than `maxRows` rows with
 * content (or, a workbook, unpacks to more than `maxUnzippedBytes`) — nothing past a limit is
 * read. The file's problems (its header) come back with the rows; the rows are validated by
 * the caller. Every problem names its row and column.
 */
export async function readInventoryFile(buffer: Buffer, fileName: string, limits: UploadLimits): Promise<ParsedInventory> {
  const fail = (problem: ProblemItem): ParsedInventory => ({ rows: [], columns: new Map(), problems: [problem] });
  if (/\.xls$/i.test(fileName) || isOle(buffer))
    return fail({ path: 'file', code: 'unsupported-format', message: 'save an old .xls workbook as .xlsx, or as CSV' });
  try {
    const parsed = await toRows(isXlsx(buffer) ? readXlsxRows(buffer, limits) : csvRecords(buffer), limits);
    return parsed ?? fail({ path: 'file', code: 'empty', message: 'the file has no rows' });
  } catch (error) {
    if (error instanceof UnzippedTooLarge) throw uploadRefused({ limit: 'unzipped-bytes', max: error.max, counts: 'bytes unpacked from the workbook' });
    if (error instanceof DomainError) throw error;
    const lines = (error as { lines?: number }).lines;
    const message = String((error as Error)?.message ?? error)
      .split('\n')[0]
      .slice(0, 300);
    return fail({ path: lines ? `row ${lines}` : 'file', code: 'unreadable', message: `the file could not be read: ${message}` });
  }
}

const isXlsx = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Buffer) => b.length > 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

function decode(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    // Excel's "CSV" on Finnish Windows is Windows-1252.
    return new TextDecoder('windows-1252').decode(buffer);
  }
}

/**
 * CSV records as csv-parse streams them, fed a slice of text at a time and read out after each
 * slice, with a turn of the event loop every few slices. csv-parse builds an error, which it
 * then ignores, for each row shorter or longer than the header: a slice is kept small.
 */
async function* csvRecords(buffer: Buffer): AsyncGenerator<SourceRow> {
  const text = decode(buffer);
  const firstLine = text.slice(0, MAX_CSV_RECORD_CHARS).split(/\r?\n/, 1)[0] ?? '';
  // Finnish spreadsheets write ';' between fields because ',' is the decimal separator.
  const delimiter = [';', '\t', ','].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  const parser = parseCsv({
    delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    max_record_size: MAX_CSV_RECORD_CHARS,
  });
  const failed: { error: Error | null } = { error: null };
  parser.on('error', (error) => (failed.error ??= error));
  const record = (r: { record: string[]; info: { lines: number } }): SourceRow => ({ rowNumber: r.info.lines, cells: r.record });
  const breathe = yielder(8);
  try {
    for (let i = 0; i < text.length; i += CSV_SLICE_CHARS) {
      const records: SourceRow[] = [];
      // The ignored errors are built without a stack: this slice is parsed synchronously, right here, and nothing else runs meanwhile.
      const stackTraceLimit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      try {
        parser.write(text.slice(i, i + CSV_SLICE_CHARS));
        for (let r = parser.read(); r !== null; r = parser.read()) records.push(record(r));
      } finally {
        Error.stackTraceLimit = stackTraceLimit;
      }
      yield* records;
      await breathe();
      if (failed.error) throw failed.error;
    }
    parser.end();
    for await (const r of parser) yield record(r);
    if (failed.error) throw failed.error;
  } finally {
    parser.destroy();
  }
}

function cellText(value: Cell): string {
  return value === null ? '' : String(value);
}

/** The header is the first row with content; then each row with content, counted against the limit as it comes. */
async function toRows(records: AsyncIterable<SourceRow>, limits: UploadLimits): Promise<ParsedInventory | null> {
  const problems: ProblemItem[] = [];
  const columns = new Map<Field, string>();
  let fieldAt: Array<Field | null> | null = null;
  const rows: ParsedInventory['rows'] = [];
  const breathe = yielder();
  for await (const { rowNumber, cells } of records) {
    await breathe();
    if (cells.every((c) => c === null || String(c).trim() === '')) continue;
    if (!fieldAt) {
      fieldAt = header(cells.map(cellText), rowNumber, columns, problems);
      continue;
    }
    if (rows.length >= limits.maxRows) throw uploadRefused({ limit: 'rows', max: limits.maxRows, counts: 'rows with content in the file (after the header)' });
    rows.push({ rowNumber, row: toRow(cells.slice(0, fieldAt.length), fieldAt) });
  }
  if (!fieldAt) return null;
  return { rows, problems, columns };
}

function header(names: string[], rowNumber: number, columns: Map<Field, string>, problems: ProblemItem[]): Array<Field | null> {
  const fieldAt = names.map((name, i) => {
    const trimmed = name.trim();
    if (!trimmed) return null;
    const field = BY_NAME.get(normalise(trimmed));
    if (!field) {
      problems.push({ path: `row ${rowNumber} column ${trimmed.slice(0, 100)}`, code: 'unknown-column', message: `unknown column (column ${i + 1})` });
      return null;
    }
    if (columns.has(field)) problems.push({ path: `row ${rowNumber} column ${trimmed}`, code: 'duplicate-column', message: `${field} is given twice` });
    columns.set(field, trimmed);
    return field;
  });
  for (const field of REQUIRED) {
    if (!columns.has(field)) problems.push({ path: `row ${rowNumber} column ${field}`, code: 'missing-column', message: `the file needs a column ${field}` });
  }
  return fieldAt;
}

function toRow(cells: Cell[], fieldAt: Array<Field | null>): Record<string, unknown> {
  const row: Record<string, unknown> = { ageGroups: [] };
  cells.forEach((cell, i) => {
    const field = fieldAt[i];
    if (!field || cell === null || String(cell).trim() === '') return;
    if (field.startsWith('users:')) {
      const users = (row.users ??= {}) as Record<string, unknown>;
      users[field.slice(6)] = toNumber(cell);
    } else if (field === 'ageGroups') {
      row.ageGroups = String(cell)
        .split(/[;,|\s]+/)
        .filter(Boolean)
        .map((g) => g.replace(/[–—]/g, '-'));
    } else if (field === 'euros' || field === 'personYears') {
      row[field] = toNumber(cell);
    } else {
      const text = String(cell).trim();
      row[field] = VALUES[field]?.get(normalise(text)) ?? text;
    }
  });
  return row;
}

/** `1 234,50 €` and `1234.5` are numbers; anything else stays text, for the schema to report. */
function toNumber(cell: Cell): unknown {
  if (typeof cell === 'number') return cell;
  const text = String(cell).replace(/[\s\u00a0€]/g, '');
  const normalised = /^-?\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
  return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : String(cell);
}

/** `/euros` of row 7 → `row 7 column euroa` (the file's own column name). */
export function cellPath(rowNumber: number, pointer: string, columns: Map<Field, string>): string {
  const [, first, second] = pointer.split('/');
  const field = (first === 'users' && second ? `users:${second}` : first) as Field;
  return `row ${rowNumber} column ${columns.get(field) ?? first ?? ''}`.trim();
}
