import { appealKindOf } from './appeal-instructions.js';
import { extractFields as fields, section272 } from './fixtures/section-272.js';
import { EXTRACT_FIELDS, renderMinutesExtract } from './minutes-extract.js';

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
