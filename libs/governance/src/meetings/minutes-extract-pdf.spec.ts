import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { appealInstructions } from './appeal-instructions.js';
import { extractFields, section272 } from './fixtures/section-272.js';
import { renderMinutesExtractPdf } from './minutes-extract-pdf.js';
import { EXTRACT_FIELDS, renderMinutesExtract, type MinutesExtract } from './minutes-extract.js';

interface PdfPage {
  /** Width and height in points. */
  size: [number, number];
  /** The text above the bottom margin, in the order it is drawn. */
  text: string;
  /** The text in the bottom margin: the footer. */
  footer: string;
}

/** Footer text sits in the bottom 20 mm (57 pt) of the page. */
const BOTTOM_MARGIN = 57;

/** Reads the PDF back with pdf.js, as a reader's viewer or a text extractor would. */
async function readPdf(pdf: Buffer): Promise<PdfPage[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [, , w, h] = page.view;
    const body: string[] = [];
    const footer: string[] = [];
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item)) continue;
      (item.transform[5] < BOTTOM_MARGIN ? footer : body).push(item.str, item.hasEOL ? '\n' : '');
    }
    pages.push({ size: [Math.round(w), Math.round(h)], text: body.join(''), footer: footer.join(' ').replace(/\s+/g, ' ').trim() });
  }
  await doc.destroy();
  return pages;
}

/**
 * Text compared without its white space: where a line breaks (and whether a word broken at a
 * hyphen keeps a space) is the layout's business, not the wording's.
 */
const squash = (s: string) => s.replace(/\s+/g, '');

/** The fields, found one after the other in the text: the list stops at the first one missing or out of order. */
function inOrder(text: string, fields: Array<[string, string]>): string[] {
  const found: string[] = [];
  let from = 0;
  for (const [name, value] of fields) {
    const at = squash(text).indexOf(squash(value), from);
    if (at < 0) break;
    found.push(name);
    from = at + squash(value).length;
  }
  return found;
}

describe('A minutes extract per § as a PDF', () => {
  let pages: PdfPage[];
  let all: string;
  beforeAll(async () => {
    pages = await readPdf(await renderMinutesExtractPdf(section272));
    all = pages.map((p) => p.text).join('\n');
  });

  it('prints every field of the HTML extract, word for word, in the order of the Turku city board’s § 272', () => {
    const html = extractFields(renderMinutesExtract(section272));
    expect(html.map(([name]) => name)).toEqual([...EXTRACT_FIELDS]);
    expect(inOrder(all, html)).toEqual([...EXTRACT_FIELDS]);
    // The header as the HTML page's table reads: the labels row above the values row, then the diary number.
    expect(squash(pages[0].text).startsWith(squash('Turun kaupunki § Kokouspvm Asia Kaupunginhallitus 272 22.06.2023 11 4703-2023 (00 01 05)'))).toBe(true);
  });

  it('prints each vote with its proposals, counts and voters, and the dissent after the decision', () => {
    const text = squash(all);
    for (const line of [
      'Äänestys 1: Jaa-ehdotus: Esittelijän ehdotus. Ei-ehdotus: Jäsen Ruusun vastaehdotus.',
      'Jaa 3: Aino Aalto, Eero Eskola, Iida Ilves',
      'Ei 2: Ruusu Rinne, Otto Oja',
      'Tyhjää 0',
      'Poissa 0',
      'Äänestyksen tulos: Esittelijän ehdotus.',
      'Eriävä mielipide',
      'Ruusu Rinne jätti eriävän mielipiteen: Hanke olisi tullut asettaa lyhyemmäksi ajaksi.',
    ])
      expect(text).toContain(squash(line));
    expect(text.indexOf(squash('Päätös'))).toBeLessThan(text.indexOf(squash('Jaa 3:')));
    expect(text.indexOf(squash('Äänestyksen tulos'))).toBeLessThan(text.indexOf(squash('jätti eriävän mielipiteen')));
  });

  it('gives the appeal instructions in Finnish and then in Swedish, each on a page of its own, with the publication date and the last day', () => {
    expect(pages).toHaveLength(3);
    const [fi, sv] = appealInstructions(section272.appeal);
    expect(squash(pages[1].text)).toBe(squash([fi.heading, ...fi.paragraphs].join(' ')));
    expect(squash(pages[2].text)).toBe(squash([sv.heading, ...sv.paragraphs].join(' ')));
    expect(squash(pages[1].text)).toContain(squash('Pöytäkirja on asetettu nähtäväksi yleiseen tietoverkkoon 26.6.2023. Määräaika päättyy 17.7.2023.'));
    expect(squash(pages[1].text)).toContain(squash('kunnallisvalituksella (Turun hallinto-oikeus) 30 päivän kuluessa'));
    expect(squash(pages[2].text)).toContain(squash('Protokollet har publicerats i det allmänna datanätet 26.6.2023. Tiden går ut 17.7.2023.'));
    expect(squash(pages[2].text)).toContain(squash('Omprövningsmyndighet: Stadsstyrelsen, Åbo stad.'));
    expect(pages[0].text).not.toContain('Oikaisuvaatimusohje');
  });

  it('is A4, and every page names the body, the § and the meeting date, and its page of how many', () => {
    expect(pages.map((p) => p.size)).toEqual([
      [595, 842],
      [595, 842],
      [595, 842],
    ]);
    expect(pages.map((p) => p.footer)).toEqual([
      'Kaupunginhallitus § 272, 22.06.2023 1 (3)',
      'Kaupunginhallitus § 272, 22.06.2023 2 (3)',
      'Kaupunginhallitus § 272, 22.06.2023 3 (3)',
    ]);
  });

  it('is titled with the body, the § and the meeting date, and gives the same bytes for the same extract and creation date', async () => {
    const createdAt = new Date('2023-06-26T09:00:00Z');
    const pdf = await renderMinutesExtractPdf(section272, { createdAt });
    expect((await renderMinutesExtractPdf(section272, { createdAt })).equals(pdf)).toBe(true);
    const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
    const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, unknown> };
    await doc.destroy();
    expect(info).toMatchObject({
      Title: 'Kaupunginhallitus § 272, 22.06.2023',
      Subject: section272.title,
      Author: 'Turun kaupunki',
      CreationDate: 'D:20230626090000Z',
    });
  });

  it('leaves out a non-public item’s preparation and prints its secrecy ground in its place', async () => {
    const secret = await readPdf(await renderMinutesExtractPdf({ ...section272, nonPublic: { ground: 'JulkL 24 § 1 mom. 25 k.' } }));
    const text = squash(secret.map((p) => p.text).join(''));
    expect(text).toContain(
      squash(
        'Muutosjohtaja Anu Parantainen 15.6.2023: Ei julkinen (JulkL 24 § 1 mom. 25 k.). Valmisteluteksti ja liitteet jätetään pois. Kansliapäällikkö Tuomas Heikkinen:',
      ),
    );
    for (const preparation of section272.preparation) expect(text).not.toContain(squash(preparation));
  });

  it('prints letters beyond Finnish and Swedish as they are (a Sámi name), and a long preparation and proposal over several pages', async () => {
    const long: MinutesExtract = {
      ...section272,
      dissents: [{ name: 'Piera Čeavrris-Đuvvon', reasons: 'Ŋuolga ŧ ja ášši.' }],
      proposal: `Kaupunginhallitus päättää ${'hyväksyä esityksen ja '.repeat(40)}asettaa muutoshankkeen.`,
      preparation: Array.from({ length: 60 }, (_, i) => (i % 10 === 0 ? `Väliotsikko ${i / 10 + 1}` : `Kappale ${i}: ${'sanoja '.repeat(30).trim()}.`)),
    };
    const read = await readPdf(await renderMinutesExtractPdf(long));
    const text = read.map((p) => p.text).join('\n');
    expect(squash(text)).toContain(squash('Piera Čeavrris-Đuvvon jätti eriävän mielipiteen: Ŋuolga ŧ ja ášši.'));
    expect(read.length).toBeGreaterThan(3);
    expect(inOrder(text, extractFields(renderMinutesExtract(long)))).toEqual([...EXTRACT_FIELDS]);
    expect(read.at(-1)!.footer).toBe(`Kaupunginhallitus § 272, 22.06.2023 ${read.length} (${read.length})`);
  });
});
