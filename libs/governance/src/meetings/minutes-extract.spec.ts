import { appealKindOf } from './appeal-instructions.js';
import { EXTRACT_FIELDS, renderMinutesExtract, type MinutesExtract } from './minutes-extract.js';

/**
 * The Turku city board's § 272 of 22 June 2023 (diary number 4703-2023, task classification
 * 00 01 05), shortened, with a vote and a dissent added to show where they go.
 */
const section272: MinutesExtract = {
  city: 'Turun kaupunki',
  body: 'Kaupunginhallitus',
  bodyAbbreviation: 'Kh',
  section: 272,
  meetingDate: '22.06.2023',
  itemNumber: 11,
  diaryNumber: '4703-2023',
  classification: '00 01 05',
  title: 'Lasten ja nuorten palvelukokonaisuuden muutoshankkeen asettaminen',
  summary: null,
  preparer: { title: 'Muutosjohtaja', name: 'Anu Parantainen' },
  preparedOn: '15.6.2023',
  preparation: [
    'Taustaa',
    'Turun kaupunki otti käyttöön pormestarimallin vuonna 2021.',
    'Miksi muutoshanke?',
    'Lasten ja nuorten palveluiden omistajuus jakautuu monelle taholle.',
  ],
  presenter: { title: 'Kansliapäällikkö', name: 'Tuomas Heikkinen' },
  proposal: 'Kaupunginhallitus päättää asettaa muutoshankkeen edellä esitetyllä tavalla ajalle 22.6.2023-31.7.2025.',
  decision: 'Ehdotus hyväksyttiin äänin 3–2.',
  votes: [
    {
      yes: 'base',
      no: 'p1',
      proposals: { base: 'Esittelijän ehdotus', p1: 'Jäsen Ruusun vastaehdotus' },
      counts: { yes: 3, no: 2, blank: 0, absent: 0 },
      ballots: { m1: 'yes', m2: 'yes', m3: 'yes', m4: 'no', m5: 'no' },
      winner: 'base',
      decidedBy: 'majority',
    },
  ],
  dissents: [{ name: 'Ruusu Rinne', reasons: 'Hanke olisi tullut asettaa lyhyemmäksi ajaksi.' }],
  distribution: [{ purpose: 'tpv', recipient: 'Lasten ja nuorten palveluiden yhteisvaikuttavan kokonaisnäkemyksen palvelukokonaisuus' }],
  nonPublic: null,
  names: { m1: 'Aino Aalto', m2: 'Eero Eskola', m3: 'Iida Ilves', m4: 'Ruusu Rinne', m5: 'Otto Oja' },
  appeal: {
    kind: 'review-request',
    body: { fi: 'Kaupunginhallitus', sv: 'Stadsstyrelsen' },
    city: { fi: 'Turun kaupunki', sv: 'Åbo stad' },
    court: { fi: 'Turun hallinto-oikeus', sv: 'Åbo förvaltningsdomstol' },
    publishedOn: '26.6.2023',
    endsOn: '17.7.2023',
  },
};

/** The `data-field` elements of the page in document order, with their text. */
function fields(html: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const re = /<(\w+)[^>]*data-field="([^"]+)"[^>]*>/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const close = html.indexOf(`</${m[1]}>`, m.index);
    out.push([
      m[2],
      html
        .slice(re.lastIndex, close)
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ]);
  }
  return out;
}

describe('A minutes extract per §', () => {
  const html = renderMinutesExtract(section272);
  const found = fields(html);
  const text = (f: string) => found.find(([name]) => name === f)?.[1];

  it('has the fields of the Turku city board’s § 272, in its order', () => {
    expect(found.map(([name]) => name)).toEqual([...EXTRACT_FIELDS]);
  });

  it('reads like § 272 field by field', () => {
    expect(text('city')).toBe('Turun kaupunki');
    expect(text('body')).toBe('Kaupunginhallitus');
    expect(text('section')).toBe('272');
    expect(text('meeting-date')).toBe('22.06.2023');
    expect(text('item-number')).toBe('11');
    expect(text('diary-number')).toBe('4703-2023 (00 01 05)');
    expect(text('title')).toBe('Lasten ja nuorten palvelukokonaisuuden muutoshankkeen asettaminen');
    expect(text('summary')).toBe('Tiivistelmä: -');
    expect(text('section-ref')).toBe('Kh § 272');
    expect(text('preparer')).toBe('Muutosjohtaja Anu Parantainen 15.6.2023:');
    expect(text('preparation')).toBe(
      'Taustaa Turun kaupunki otti käyttöön pormestarimallin vuonna 2021. Miksi muutoshanke? Lasten ja nuorten palveluiden omistajuus jakautuu monelle taholle.',
    );
    expect(text('presenter')).toBe('Kansliapäällikkö Tuomas Heikkinen:');
    expect(text('proposal')).toBe('Ehdotus Kaupunginhallitus päättää asettaa muutoshankkeen edellä esitetyllä tavalla ajalle 22.6.2023-31.7.2025.');
    expect(text('decision')).toBe('Päätös Ehdotus hyväksyttiin äänin 3–2.');
    expect(text('distribution')).toBe('Jakelu tpv Lasten ja nuorten palveluiden yhteisvaikuttavan kokonaisnäkemyksen palvelukokonaisuus');
  });

  it('prints each vote with its proposals, counts and voters, and the dissent at the end of the §', () => {
    expect(text('votes')).toBe(
      'Äänestys Äänestys 1: Jaa-ehdotus: Esittelijän ehdotus. Ei-ehdotus: Jäsen Ruusun vastaehdotus. Jaa 3: Aino Aalto, Eero Eskola, Iida Ilves Ei 2: Ruusu Rinne, Otto Oja Tyhjää 0 Poissa 0 Äänestyksen tulos: Esittelijän ehdotus.',
    );
    expect(text('dissents')).toBe('Eriävä mielipide Ruusu Rinne jätti eriävän mielipiteen: Hanke olisi tullut asettaa lyhyemmäksi ajaksi.');
  });

  it('says in Finnish and Swedish who may request a review, to whom and by when, and the 30-day appeal that follows', () => {
    const fi = text('appeal-fi')!;
    expect(fi).toContain('Oikaisuvaatimusohje');
    expect(fi).toContain('asianosainen), sekä kunnan jäsen');
    expect(fi).toContain('Oikaisuvaatimusviranomainen: Kaupunginhallitus, Turun kaupunki.');
    expect(fi).toContain('14 päivän kuluessa');
    expect(fi).toContain('seitsemän päivän kuluttua');
    expect(fi).toContain('Määräaika päättyy 17.7.2023.');
    expect(fi).toContain('kunnallisvalituksella (Turun hallinto-oikeus) 30 päivän kuluessa');
    const sv = text('appeal-sv')!;
    expect(sv).toContain('Anvisning om begäran om omprövning');
    expect(sv).toContain('Omprövningsmyndighet: Stadsstyrelsen, Åbo stad.');
    expect(sv).toContain('inom 14 dagar');
    expect(sv).toContain('kommunalbesvär (Åbo förvaltningsdomstol) inom 30 dagar');
    expect(html).toMatch(/<section data-field="appeal-sv" class="appeal" lang="sv">/);
  });

  it('gives a decision on a review request the 30-day municipal appeal, and a preparatory decision none', () => {
    expect(appealKindOf('approved-as-proposed', false)).toBe('review-request');
    expect(appealKindOf('tabled', false)).toBe('none');
    const review = fields(renderMinutesExtract({ ...section272, appeal: { ...section272.appeal, kind: appealKindOf('rejected', true) } }));
    expect(review.find(([f]) => f === 'appeal-fi')![1]).toMatch(/^Valitusosoitus .*Valitusviranomainen: Turun hallinto-oikeus\..*30 päivän kuluessa/);
    expect(review.find(([f]) => f === 'appeal-sv')![1]).toMatch(/^Besvärsanvisning .*Besvärsmyndighet: Åbo förvaltningsdomstol\..*inom 30 dagar/);
    const returned = fields(renderMinutesExtract({ ...section272, appeal: { ...section272.appeal, kind: 'none' } }));
    expect(returned.find(([f]) => f === 'appeal-fi')![1]).toContain('ei saa hakea muutosta');
  });

  it('leaves out a non-public item’s preparation with its ground, escapes text, and prints on A4', () => {
    const secret = renderMinutesExtract({ ...section272, title: '<script>x</script>', nonPublic: { ground: 'JulkL 24 § 1 mom. 25 k.' } });
    expect(fields(secret).find(([f]) => f === 'preparation')![1]).toBe('Ei julkinen (JulkL 24 § 1 mom. 25 k.). Valmisteluteksti ja liitteet jätetään pois.');
    expect(secret).not.toContain('pormestarimallin');
    expect(secret).not.toContain('<script>');
    expect(html).toContain('@media print');
    expect(html).toContain('size:A4');
  });
});
