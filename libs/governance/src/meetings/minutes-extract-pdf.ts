import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { appealInstructions } from './appeal-instructions.js';
import { EXTRACT_LABELS, extractLines, isSubHeading, voteRoundLines, type MinutesExtract } from './minutes-extract.js';

/**
 * The minutes extract (pöytäkirjanote) of one § as an A4 PDF: the same fields in the same order as
 * the HTML page (`EXTRACT_FIELDS`), the same words (`EXTRACT_LABELS`, `extractLines`,
 * `voteRoundLines`) and the same appeal instructions (`appealInstructions`), laid out the way a
 * Finnish minutes extract is printed — the labels Ehdotus, Päätös and Jakelu in a left column, the
 * appeal instructions in Finnish and in Swedish each on a page of its own, and a footer on every
 * page naming the body, the §, the meeting date and the page (`1 (3)`).
 *
 * The text is set in DejaVu Sans (the TrueType files of `dejavu-fonts-ttf`), embedded as a subset
 * of the glyphs used: PDF's built-in fonts print ä, ö, å and § but nothing outside Windows-1252,
 * and pdfkit then garbles the rest of the line, so a name or a word with Sámi letters (č, đ, ŋ,
 * ŧ) would come out wrong. The font files are read once per process.
 */
export interface MinutesExtractPdfOptions {
  /** The PDF's creation date (its metadata); now when not given. */
  createdAt?: Date;
}

const MM = 72 / 25.4;
/** The print styles' A4 margins: 20 mm, and 25 mm on the left for binding. */
const MARGINS = { top: 20 * MM, right: 20 * MM, bottom: 20 * MM, left: 25 * MM };
const FOOTER_Y = 841.89 - 12 * MM;
/** The width of the left column that holds the labels Ehdotus, Päätös and the distribution's purposes. */
const LABEL_WIDTH = 30 * MM;
const SIZE = { text: 11, small: 9, appeal: 9.5, title: 14, footer: 8 };

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | undefined;
const loadFonts = () =>
  (fonts ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  });

export function renderMinutesExtractPdf(x: MinutesExtract, options: MinutesExtractPdfOptions = {}): Promise<Buffer> {
  const L = EXTRACT_LABELS;
  const title = `${x.body} § ${x.section}, ${x.meetingDate}`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    lang: 'fi-FI',
    displayTitle: true,
    info: { Title: title, Subject: x.title, Author: x.city, CreationDate: options.createdAt ?? new Date() },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const { regular, bold } = loadFonts();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const left = MARGINS.left;
  const width = doc.page.width - MARGINS.left - MARGINS.right;

  const text = (s: string, o: { font?: 'regular' | 'bold'; size?: number; gap?: number } = {}) => {
    doc
      .font(o.font ?? 'regular')
      .fontSize(o.size ?? SIZE.text)
      .text(s, left, doc.y, { width, paragraphGap: o.gap ?? 4 });
  };
  /** A heading goes to the next page unless two lines of what follows it fit below it. */
  const heading = (s: string, size = SIZE.text) => {
    doc.moveDown(0.5);
    if (doc.y + 4 * doc.font('bold').fontSize(size).currentLineHeight(true) > doc.page.maxY()) doc.addPage();
    text(s, { font: 'bold', size, gap: 3 });
  };
  /** A bold label in the left column and its text beside it, as Finnish minutes print Ehdotus and Päätös. */
  const labelled = (label: string, s: string) => {
    doc.font('regular').fontSize(SIZE.text);
    if (doc.y + 2 * doc.currentLineHeight(true) > doc.page.maxY()) doc.addPage();
    const { y, page } = doc;
    doc.font('bold').text(label, left, y, { width: LABEL_WIDTH - 6 });
    const below = doc.y;
    doc.font('regular').text(s, left + LABEL_WIDTH, y, { width: width - LABEL_WIDTH, paragraphGap: 4 });
    // A text that ran onto the next page ends below everything; else the lower of the label and the text.
    if (doc.page === page) doc.y = Math.max(doc.y, below);
    doc.x = left;
  };

  // Header: the city above the body, and the §, the meeting date and the item number in columns.
  const columns = [0, 0.55, 0.68, 0.88].map((f) => left + f * width);
  const columnWidth = (i: number) => (columns[i + 1] ?? left + width) - columns[i] - 4;
  const row = (cells: string[], font: 'regular' | 'bold', size: number) => {
    const y = doc.y;
    let bottom = y;
    doc.font(font).fontSize(size);
    cells.forEach((cell, i) => {
      doc.text(cell, columns[i], y, { width: columnWidth(i) });
      bottom = Math.max(bottom, doc.y);
    });
    doc.x = left;
    doc.y = bottom;
  };
  row([x.city, L.section, L.meetingDate, L.item], 'regular', SIZE.small);
  row([x.body, String(x.section), x.meetingDate, String(x.itemNumber)], 'bold', SIZE.text);
  doc.moveDown(0.3);
  text(extractLines.diaryNumber(x));

  doc.moveDown(0.8);
  text(x.title, { font: 'bold', size: SIZE.title, gap: 8 });
  doc
    .font('bold')
    .fontSize(SIZE.text)
    .text(`${L.summary} `, left, doc.y, { width, continued: true })
    .font('regular')
    .text(extractLines.summary(x), { paragraphGap: 4 });
  doc.moveDown(0.5);
  text(extractLines.sectionRef(x), { font: 'bold' });
  doc.moveDown(0.3);
  text(extractLines.preparer(x));

  if (x.nonPublic) text(extractLines.nonPublic(x.nonPublic.ground));
  else x.preparation.forEach((p) => (isSubHeading(p) ? heading(p) : text(p)));

  doc.moveDown(0.5);
  text(extractLines.presenter(x));
  doc.moveDown(0.3);
  labelled(L.proposal, x.proposal);
  doc.moveDown(0.3);
  labelled(L.decision, x.decision);

  if (x.votes.length) {
    heading(L.votes);
    for (const r of voteRoundLines(x)) {
      text(r.question);
      for (const side of r.sides)
        doc
          .font('regular')
          .fontSize(SIZE.text)
          .text(side, left + 6 * MM, doc.y, { width: width - 6 * MM });
      doc.moveDown(0.2);
      text(r.result);
    }
  }
  if (x.dissents.length) {
    heading(L.dissents);
    for (const d of x.dissents) text(extractLines.dissent(d));
  }
  heading(L.distribution);
  for (const d of x.distribution) labelled(d.purpose, d.recipient);

  for (const a of appealInstructions(x.appeal)) {
    doc.addPage();
    text(a.heading, { font: 'bold', size: SIZE.text, gap: 6 });
    for (const p of a.paragraphs) text(p, { size: SIZE.appeal, gap: 5 });
  }

  // Every page says which § it belongs to and which page of how many it is, in the bottom margin.
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(SIZE.footer);
    doc.text(title, left, FOOTER_Y, { width: width / 2, lineBreak: false });
    doc.text(`${i + 1} (${pages.count})`, left + width / 2, FOOTER_Y, { width: width / 2, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
