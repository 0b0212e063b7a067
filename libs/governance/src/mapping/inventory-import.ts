import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { ProblemItem } from '@kaari/common/errors.js';
import { AGE_GROUP_KEYS, PROVIDER_TYPES, SECTORS, TARGETING, type Labels } from '../forms/form-labels.js';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

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

const normalise = (s: string) => s.normalize('NFC').toLowerCase().replace(/[\s_\-–—]+/g, '');
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

export type Cell = string | number | boolean | null;

export interface ParsedInventory {
  rows: Array<{ rowNumber: number; row: Record<string, unknown> }>;
  problems: ProblemItem[];
  columns: Map<Field, string>;
}

/** Reads an uploaded CSV or .xlsx file into inventory rows; every problem names its row and column. */
export async function readInventoryFile(buffer: Buffer, fileName: string): Promise<ParsedInventory> {
  const fail = (problem: ProblemItem): ParsedInventory => ({ rows: [], columns: new Map(), problems: [problem] });
  if (/\.xls$/i.test(fileName) || isOle(buffer)) return fail({ path: 'file', code: 'unsupported-format', message: 'save an old .xls workbook as .xlsx, or as CSV' });
  let table: Table | null;
  try {
    table = isXlsx(buffer) ? await readXlsx(buffer) : readCsv(buffer);
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    const message = String((error as Error)?.message ?? error).split('\n')[0].slice(0, 300);
    return fail({ path: lines ? `row ${lines}` : 'file', code: 'unreadable', message: `the file could not be read: ${message}` });
  }
  if (!table) return fail({ path: 'file', code: 'empty', message: 'the file has no rows' });
  return toRows(table);
}

const isXlsx = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Buffer) => b.length > 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

interface Table {
  header: string[];
  records: Array<{ rowNumber: number; cells: Cell[] }>;
}

function decode(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    // Excel's "CSV" on Finnish Windows is Windows-1252.
    return new TextDecoder('windows-1252').decode(buffer);
  }
}

function readCsv(buffer: Buffer): Table | null {
  const text = decode(buffer);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // Finnish spreadsheets write ';' between fields because ',' is the decimal separator.
  const delimiter = [';', '\t', ','].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  const records = parseCsv(text, {
    delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  if (!records.length) return null;
  const [head, ...rest] = records;
  return { header: head.record, records: rest.map((r) => ({ rowNumber: r.info.lines, cells: r.record })) };
}

async function readXlsx(buffer: Buffer): Promise<Table | null> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return null;
  const width = sheet.getRow(1).cellCount;
  const header = Array.from({ length: width }, (_, i) => String(cellValue(sheet.getRow(1).getCell(i + 1).value) ?? ''));
  const records: Table['records'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    records.push({ rowNumber, cells: Array.from({ length: width }, (_, i) => cellValue(row.getCell(i + 1).value)) });
  });
  return { header, records };
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return `#${value.error}`;
  return String(value);
}

function toRows(table: Table): ParsedInventory {
  const problems: ProblemItem[] = [];
  const columns = new Map<Field, string>();
  const fieldAt: Array<Field | null> = table.header.map((name, i) => {
    const trimmed = String(name ?? '').trim();
    if (!trimmed) return null;
    const field = BY_NAME.get(normalise(trimmed));
    if (!field) {
      problems.push({ path: `row 1 column ${trimmed}`, code: 'unknown-column', message: `unknown column (column ${i + 1})` });
      return null;
    }
    if (columns.has(field)) problems.push({ path: `row 1 column ${trimmed}`, code: 'duplicate-column', message: `${field} is given twice` });
    columns.set(field, trimmed);
    return field;
  });
  for (const field of REQUIRED) {
    if (!columns.has(field)) problems.push({ path: `row 1 column ${field}`, code: 'missing-column', message: `the file needs a column ${field}` });
  }
  const rows: ParsedInventory['rows'] = [];
  for (const { rowNumber, cells } of table.records) {
    if (cells.every((c) => c === null || String(c).trim() === '')) continue;
    const row: Record<string, unknown> = { ageGroups: [] };
    cells.forEach((cell, i) => {
      const field = fieldAt[i];
      if (!field || cell === null || String(cell).trim() === '') return;
      if (field.startsWith('users:')) {
        const users = (row.users ??= {}) as Record<string, unknown>;
        users[field.slice(6)] = toNumber(cell);
      } else if (field === 'ageGroups') {
        row.ageGroups = String(cell).split(/[;,|\s]+/).filter(Boolean).map((g) => g.replace(/[–—]/g, '-'));
      } else if (field === 'euros' || field === 'personYears') {
        row[field] = toNumber(cell);
      } else {
        const text = String(cell).trim();
        row[field] = VALUES[field]?.get(normalise(text)) ?? text;
      }
    });
    rows.push({ rowNumber, row });
  }
  return { rows, problems, columns };
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
