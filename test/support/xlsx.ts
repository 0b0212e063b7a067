import { once } from 'node:events';
import { createDeflateRaw, crc32 } from 'node:zlib';

/**
 * Writes an .xlsx workbook (a zip of XML parts) whose sheet comes from a generator, deflated as
 * it is produced: a workbook of millions of rows costs the test only its compressed size. The
 * parts are the minimum Excel and Kaari read: content types, relationships, workbook, sheet.
 */
export async function xlsxOf(sheetXml: Iterable<string>, options: { sharedStrings?: string[] } = {}): Promise<Buffer> {
  const parts: Array<[string, Iterable<string>]> = [
    [
      '[Content_Types].xml',
      [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          (options.sharedStrings
            ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            : '') +
          '</Types>',
      ],
    ],
    [
      '_rels/.rels',
      [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ],
    ],
    [
      'xl/workbook.xml',
      [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
          '<sheets><sheet name="Palvelut" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ],
    ],
    [
      'xl/_rels/workbook.xml.rels',
      [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
          (options.sharedStrings
            ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            : '') +
          '</Relationships>',
      ],
    ],
  ];
  if (options.sharedStrings) {
    const strings = options.sharedStrings;
    parts.push([
      'xl/sharedStrings.xml',
      [
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}">`,
        ...strings.map((s) => `<si><t>${escapeXml(s)}</t></si>`),
        '</sst>',
      ],
    ]);
  }
  parts.push(['xl/worksheets/sheet1.xml', sheetXml]);
  return zipOf(parts);
}

/** The sheet XML around rows given as XML (`<row>…</row>`). */
export function* sheetOf(rows: Iterable<string>): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  let batch = '';
  for (const row of rows) {
    batch += row;
    if (batch.length > 64 * 1024) {
      yield batch;
      batch = '';
    }
  }
  yield batch + '</sheetData></worksheet>';
}

/** A row of inline strings and numbers, with or without its number and cell references. */
export function rowXml(values: Array<string | number>, rowNumber?: number): string {
  const cells = values.map((v, i) => {
    const ref = rowNumber === undefined ? '' : ` r="${String.fromCharCode(65 + i)}${rowNumber}"`;
    return typeof v === 'number' ? `<c${ref}><v>${v}</v></c>` : `<c${ref} t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`;
  });
  return `<row${rowNumber === undefined ? '' : ` r="${rowNumber}"`}>${cells.join('')}</row>`;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A zip of deflated entries, each streamed through zlib, with a data descriptor after it. */
export async function zipOf(entries: Array<[string, Iterable<string>]>): Promise<Buffer> {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const push = (b: Buffer) => {
    out.push(b);
    offset += b.length;
  };
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const localOffset = offset;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0808, 6); // sizes in a data descriptor; UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(nameBytes.length, 26);
    push(Buffer.concat([local, nameBytes]));
    const deflater = createDeflateRaw({ level: 9 });
    const compressed: Buffer[] = [];
    deflater.on('data', (chunk: Buffer) => compressed.push(chunk));
    let crc = 0;
    let size = 0;
    for (const text of content) {
      const bytes = Buffer.from(text, 'utf8');
      crc = crc32(bytes, crc);
      size += bytes.length;
      if (!deflater.write(bytes)) await once(deflater, 'drain');
    }
    deflater.end();
    await once(deflater, 'end');
    const data = Buffer.concat(compressed);
    push(data);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(data.length, 8);
    descriptor.writeUInt32LE(size, 12);
    push(descriptor);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0808, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc >>> 0, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(localOffset, 42);
    central.push(Buffer.concat([entry, nameBytes]));
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, cd, end]);
}
