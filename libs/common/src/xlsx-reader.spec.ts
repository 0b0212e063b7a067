import ExcelJS from 'exceljs';
import { rowXml, sheetOf, xlsxOf, zipOf } from '../../../test/support/xlsx.js';
import { readXlsxRows, UnzippedTooLarge, XlsxError, type XlsxRow } from './xlsx-reader.js';

const MB = 1024 * 1024;

async function rowsOf(zip: Buffer, maxUnzippedBytes = 32 * MB, stopAfter = Infinity): Promise<XlsxRow[]> {
  const rows: XlsxRow[] = [];
  for await (const row of readXlsxRows(zip, { maxUnzippedBytes })) {
    rows.push(row);
    if (rows.length >= stopAfter) break;
  }
  return rows;
}

describe('Reading the rows of an .xlsx workbook as a stream', () => {
  it('reads what Excel writes: shared strings, rich text, numbers, booleans, formulas, gaps, on the first sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Palvelut');
    wb.addWorksheet('Muuta').addRow(['not this sheet']);
    sheet.addRow(['service', 'euros', 'notes']);
    sheet.addRow(['Nuorisotalo', 100000.5, { richText: [{ text: 'avoinna ' }, { text: 'iltaisin', font: { bold: true } }] }]);
    sheet.getRow(4).values = ['Kirjasto', { formula: 'B2*2', result: 201001 }, true];
    sheet.getRow(5).getCell(3).value = 'only C';
    const rows = await rowsOf(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['service', 'euros', 'notes'] },
      { rowNumber: 2, cells: ['Nuorisotalo', 100000.5, 'avoinna iltaisin'] },
      { rowNumber: 4, cells: ['Kirjasto', 201001, true] },
      { rowNumber: 5, cells: [null, null, 'only C'] },
    ]);
  });

  it('numbers rows and cells that leave out their references after the previous ones', async () => {
    const zip = await xlsxOf(
      sheetOf([
        '<row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row>',
        '<row r="5"><c r="C5"><v>2</v></c><c><v>3</v></c></row>',
        '<row/>',
        '<row><c t="s"><v>0</v></c></row>',
      ]),
      {
        sharedStrings: ['jaettu'],
      },
    );
    expect(await rowsOf(zip)).toEqual([
      { rowNumber: 1, cells: ['a', 1] },
      { rowNumber: 5, cells: [null, null, 2, 3] },
      { rowNumber: 7, cells: ['jaettu'] },
    ]);
  });

  it('stops as soon as what it has unpacked passes the limit, however small the file', async () => {
    function* rows() {
      for (let i = 1; i <= 400_000; i += 1) yield rowXml(['x', i]);
    }
    const zip = await xlsxOf(sheetOf(rows()));
    expect(zip.length).toBeLessThan(2 * MB);
    await expect(rowsOf(zip, 2 * MB)).rejects.toThrow(UnzippedTooLarge);
    // The caller may stop early too: the rest is never unpacked.
    expect(await rowsOf(zip, 64 * MB, 3)).toHaveLength(3);
  });

  it('refuses what is not a readable workbook with XlsxError', async () => {
    const broken = [
      Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 7)]),
      await zipOf([['xl/other.xml', ['<x/>']]]),
      await xlsxOf([
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>',
      ]),
      await xlsxOf(['<worksheet><sheetData><row><c><v>1</v></row></sheetData></worksheet>']),
    ];
    for (const zip of broken) await expect(rowsOf(zip)).rejects.toThrow(XlsxError);
  });
});
