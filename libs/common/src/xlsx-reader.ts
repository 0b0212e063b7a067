import { Readable, pipeline } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/*
 * The rows of an .xlsx workbook's first sheet, read as a stream with what it may cost bounded.
 * A workbook is a zip of XML parts, and a small zip can unpack to gigabytes: every part read
 * is inflated a slice at a time and its bytes counted against `maxUnzippedBytes`, and the
 * sheet is parsed row by row as it unpacks, so the caller can stop at any row. Rows may leave
 * out their numbers and cells their references (both are optional in the format); they then
 * follow the previous one.
 */

export type XlsxCell = string | number | boolean | null;

export interface XlsxRow {
  rowNumber: number;
  cells: XlsxCell[];
}

/** The workbook cannot be read: not a zip, a part missing or damaged, a feature not supported. */
export class XlsxError extends Error {}

/** The parts read unpack to more than the limit. */
export class UnzippedTooLarge extends Error {
  constructor(readonly max: number) {
    super(`the workbook unpacks to more than ${max} bytes`);
  }
}

const MAX_ENTRIES = 10_000;
/** Excel's last column, XFD. */
const MAX_COLUMN = 16_384;
/** Compressed bytes handed to the inflater at a time: what one slice can unpack to stays small (deflate expands at most ~1000×). */
const INFLATE_SLICE = 4096;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

class Budget {
  private used = 0;
  constructor(readonly max: number) {}
  take(bytes: number): void {
    this.used += bytes;
    if (this.used > this.max) throw new UnzippedTooLarge(this.max);
  }
}

export async function* readXlsxRows(zip: Buffer, options: { maxUnzippedBytes: number }): AsyncGenerator<XlsxRow> {
  const entries = centralDirectory(zip);
  const budget = new Budget(options.maxUnzippedBytes);
  const part = (name: string) => entries.get(name.toLowerCase());
  const workbook = part('xl/workbook.xml');
  if (!workbook) throw new XlsxError('the workbook has no xl/workbook.xml');
  const firstSheetId = await firstSheetRelId(partText(zip, workbook, budget));
  const rels = part('xl/_rels/workbook.xml.rels');
  const targets = rels ? await relationships(partText(zip, rels, budget)) : [];
  const target = (t: { target: string }) => (t.target.startsWith('/') ? t.target.slice(1) : `xl/${t.target.replace(/^\.\//, '')}`);
  const sheetRel = targets.find((t) => t.id === firstSheetId);
  const sheet = part(sheetRel ? target(sheetRel) : 'xl/worksheets/sheet1.xml');
  if (!sheet) throw new XlsxError('the workbook has no sheet');
  const stringsRel = targets.find((t) => t.type.endsWith('/sharedStrings'));
  const stringsPart = part(stringsRel ? target(stringsRel) : 'xl/sharedStrings.xml');
  const strings = stringsPart ? await sharedStrings(partText(zip, stringsPart, budget)) : [];
  yield* sheetRows(partText(zip, sheet, budget), strings);
}

/** The zip's table of contents, from its end; nothing is unpacked here. */
function centralDirectory(zip: Buffer): Map<string, Entry> {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i -= 1) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxError('the file is not a zip archive');
  const count = zip.readUInt16LE(eocd + 10);
  const size = zip.readUInt32LE(eocd + 12);
  const offset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new XlsxError('ZIP64 workbooks are not supported');
  if (count > MAX_ENTRIES) throw new XlsxError(`the workbook has more than ${MAX_ENTRIES} parts`);
  if (offset + size > eocd) throw new XlsxError('the zip archive is damaged');
  const entries = new Map<string, Entry>();
  let at = offset;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > eocd || zip.readUInt32LE(at) !== 0x02014b50) throw new XlsxError('the zip archive is damaged');
    const flags = zip.readUInt16LE(at + 8);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength).replace(/^\/+/, '');
    const entry = { name, method: zip.readUInt16LE(at + 10), compressedSize: zip.readUInt32LE(at + 20), localOffset: zip.readUInt32LE(at + 42) };
    if (flags & 0x1) throw new XlsxError('encrypted workbooks are not supported');
    entries.set(name.toLowerCase(), entry);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** A part's text as it unpacks, each chunk counted against the budget before it is used. */
async function* partText(zip: Buffer, entry: Entry, budget: Budget): AsyncGenerator<string> {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== 0x04034b50) throw new XlsxError(`the part ${entry.name} is damaged`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  if (start + entry.compressedSize > zip.length) throw new XlsxError(`the part ${entry.name} is damaged`);
  if (entry.method !== 0 && entry.method !== 8) throw new XlsxError(`the part ${entry.name} is compressed in a way not supported`);
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of unpacked(zip.subarray(start, start + entry.compressedSize), entry.method === 8)) {
      budget.take(chunk.length);
      yield decoder.decode(chunk, { stream: true });
    }
  } catch (error) {
    if (error instanceof UnzippedTooLarge || error instanceof XlsxError) throw error;
    throw new XlsxError(`the part ${entry.name} could not be unpacked: ${(error as Error).message}`);
  }
  yield decoder.decode();
}

/** Stored bytes as they are; deflated ones inflated off the event loop (zlib's thread pool), fed a slice at a time. */
async function* unpacked(data: Buffer, deflated: boolean): AsyncGenerator<Buffer> {
  function* slices() {
    for (let i = 0; i < data.length; i += INFLATE_SLICE) yield data.subarray(i, i + INFLATE_SLICE);
  }
  if (!deflated) return yield* slices();
  const source = Readable.from(slices(), { objectMode: false });
  const inflater = createInflateRaw();
  pipeline(source, inflater, () => undefined);
  try {
    for await (const chunk of inflater) yield chunk as Buffer;
  } finally {
    inflater.destroy();
    source.destroy();
  }
}

type Handlers = {
  open?(name: string, attributes: Record<string, string>): void;
  text?(text: string): void;
  close?(name: string): void;
};

/** Feeds a part's text to a SAX parser; element names lose their namespace prefix. */
async function* parseXml(texts: AsyncIterable<string>, handlers: Handlers): AsyncGenerator<void> {
  const parser = new SaxesParser();
  let failure: Error | null = null;
  const local = (name: string) => name.slice(name.indexOf(':') + 1);
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('doctype', () => {
    failure ??= new Error('a workbook part may not contain a DOCTYPE');
  });
  if (handlers.open) parser.on('opentag', (tag: SaxesTagPlain) => handlers.open!(local(tag.name), tag.attributes as Record<string, string>));
  if (handlers.text) {
    parser.on('text', (text) => handlers.text!(text));
    parser.on('cdata', (text) => handlers.text!(text));
  }
  if (handlers.close) parser.on('closetag', (tag: SaxesTagPlain) => handlers.close!(local(tag.name)));
  for await (const text of texts) {
    if (text) parser.write(text);
    if (failure) throw new XlsxError(`the workbook's XML is not valid: ${(failure as Error).message.split('\n')[0]}`);
    yield;
  }
  parser.close();
  if (failure) throw new XlsxError(`the workbook's XML is not valid: ${(failure as Error).message.split('\n')[0]}`);
}

async function drain(events: AsyncGenerator<void>): Promise<void> {
  for await (const _ of events);
}

async function firstSheetRelId(texts: AsyncIterable<string>): Promise<string | null> {
  let id: string | null = null;
  await drain(
    parseXml(texts, {
      open(name, a) {
        // The relationship attribute is r:id, whatever prefix the file gives its namespace.
        if (name === 'sheet' && id === null) id = Object.entries(a).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1] ?? null;
      },
    }),
  );
  return id;
}

async function relationships(texts: AsyncIterable<string>): Promise<Array<{ id: string; type: string; target: string }>> {
  const out: Array<{ id: string; type: string; target: string }> = [];
  await drain(
    parseXml(texts, { open: (name, a) => void (name === 'Relationship' && a.Id && a.Target && out.push({ id: a.Id, type: a.Type ?? '', target: a.Target })) }),
  );
  return out;
}

/** The shared string table: each `si`'s text, runs joined, phonetic hints left out. */
async function sharedStrings(texts: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  let current = '';
  let inText = false;
  let phonetic = 0;
  await drain(
    parseXml(texts, {
      open(name) {
        if (name === 'si') current = '';
        else if (name === 'rPh') phonetic += 1;
        else if (name === 't' && !phonetic) inText = true;
      },
      text(text) {
        if (inText) current += text;
      },
      close(name) {
        if (name === 't') inText = false;
        else if (name === 'rPh') phonetic -= 1;
        else if (name === 'si') out.push(current);
      },
    }),
  );
  return out;
}

function columnOf(ref: string | undefined): number | null {
  const letters = /^([A-Za-z]{1,3})\d*$/.exec(ref ?? '')?.[1];
  if (!letters) return null;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** The sheet's rows with at least one cell, in the order they come, a chunk of rows at a time. */
async function* sheetRows(texts: AsyncIterable<string>, strings: string[]): AsyncGenerator<XlsxRow> {
  let inData = false;
  let row: XlsxRow | null = null;
  let lastRow = 0;
  let column = 0;
  let cell: { type: string; text: string; hasValue: boolean } | null = null;
  let capture = false;
  let phonetic = 0;
  let ready: XlsxRow[] = [];
  const events = parseXml(texts, {
    open(name, a) {
      if (name === 'sheetData') inData = true;
      else if (!inData) return;
      else if (name === 'row') {
        const r = Number(a.r);
        lastRow = Number.isInteger(r) && r > 0 ? r : lastRow + 1;
        row = { rowNumber: lastRow, cells: [] };
        column = 0;
      } else if (name === 'c' && row) {
        column = columnOf(a.r) ?? column + 1;
        if (column > MAX_COLUMN) throw new XlsxError(`row ${row.rowNumber} has a cell beyond column XFD`);
        cell = { type: a.t ?? 'n', text: '', hasValue: false };
      } else if (cell && (name === 'v' || (name === 't' && !phonetic))) {
        capture = true;
        cell.hasValue = true;
      } else if (name === 'rPh') phonetic += 1;
    },
    text(text) {
      if (capture && cell) cell.text += text;
    },
    close(name) {
      if (name === 'sheetData') inData = false;
      else if (name === 'v' || name === 't') capture = false;
      else if (name === 'rPh') phonetic -= 1;
      else if (name === 'c' && row && cell) {
        if (cell.hasValue) {
          while (row.cells.length < column - 1) row.cells.push(null);
          row.cells[column - 1] = cellValue(cell.type, cell.text, strings);
        }
        cell = null;
      } else if (name === 'row' && row) {
        if (row.cells.length) ready.push(row);
        row = null;
      }
    },
  });
  for await (const _ of events) {
    const rows = ready;
    ready = [];
    yield* rows;
  }
  yield* ready;
}

function cellValue(type: string, text: string, strings: string[]): XlsxCell {
  switch (type) {
    case 's':
      return strings[Number(text)] ?? null;
    case 'inlineStr':
    case 'str':
    case 'd':
    case 'e':
      return text;
    case 'b':
      return text.trim() === '1';
    default: {
      if (text.trim() === '') return null;
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
  }
}
