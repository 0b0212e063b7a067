import type { ItemOutcome } from './item-outcome.js';

/**
 * The appeal instructions (muutoksenhakuohjeet) printed with a § in Finnish and Swedish. A
 * decision of a municipal body is first open to a request for review to the same body within 14
 * days (Local Government Act 134 §); only the decision on that request goes to the administrative
 * court, by municipal appeal within 30 days (135–137 §). A decision that only prepares a matter
 * (returned, tabled, removed, noted) is open to neither (136 §).
 */
export type AppealKind = 'review-request' | 'court-appeal' | 'none';

export interface Bilingual {
  fi: string;
  sv: string;
}

export interface AppealContext {
  kind: AppealKind;
  body: Bilingual;
  city: Bilingual;
  court: Bilingual;
  /** `d.m.yyyy`, when the minutes are published. */
  publishedOn?: string;
  endsOn?: string;
}

export interface AppealInstruction {
  lang: 'fi' | 'sv';
  heading: string;
  paragraphs: string[];
}

export function appealKindOf(outcome: ItemOutcome, decidesReviewRequest: boolean): AppealKind {
  if (outcome === 'returned' || outcome === 'tabled' || outcome === 'removed' || outcome === 'noted') return 'none';
  return decidesReviewRequest ? 'court-appeal' : 'review-request';
}

export function appealInstructions(c: AppealContext): AppealInstruction[] {
  const dates = (fi: boolean) =>
    c.publishedOn && c.endsOn
      ? [
          fi
            ? `Pöytäkirja on asetettu nähtäväksi yleiseen tietoverkkoon ${c.publishedOn}. Määräaika päättyy ${c.endsOn}.`
            : `Protokollet har publicerats i det allmänna datanätet ${c.publishedOn}. Tiden går ut ${c.endsOn}.`,
        ]
      : [];
  switch (c.kind) {
    case 'none':
      return [
        {
          lang: 'fi',
          heading: 'Muutoksenhakukielto',
          paragraphs: [
            'Tähän päätökseen ei saa hakea muutosta oikaisuvaatimuksella eikä kunnallisvalituksella, koska päätös koskee vain asian valmistelua (kuntalaki 136 §).',
          ],
        },
        {
          lang: 'sv',
          heading: 'Förbud att söka ändring',
          paragraphs: [
            'Ändring i detta beslut får inte sökas genom begäran om omprövning eller kommunalbesvär, eftersom beslutet endast gäller beredning av ärendet (136 § i kommunallagen).',
          ],
        },
      ];
    case 'review-request':
      return [
        {
          lang: 'fi',
          heading: 'Oikaisuvaatimusohje',
          paragraphs: [
            'Tähän päätökseen tyytymätön voi tehdä kirjallisen oikaisuvaatimuksen. Päätökseen ei saa hakea muutosta valittamalla tuomioistuimeen.',
            'Oikaisuvaatimuksen saa tehdä se, johon päätös on kohdistettu tai jonka oikeuteen, velvollisuuteen tai etuun päätös välittömästi vaikuttaa (asianosainen), sekä kunnan jäsen.',
            `Oikaisuvaatimusviranomainen: ${c.body.fi}, ${c.city.fi}.`,
            'Oikaisuvaatimus on tehtävä 14 päivän kuluessa päätöksen tiedoksisaannista. Kunnan jäsenen katsotaan saaneen päätöksestä tiedon seitsemän päivän kuluttua siitä, kun pöytäkirja on asetettu nähtäväksi yleiseen tietoverkkoon. Asianosaisen katsotaan saaneen tiedon seitsemän päivän kuluttua kirjeen lähettämisestä tai kolmantena päivänä sähköisen viestin lähettämisestä. Jos määräajan viimeinen päivä on pyhäpäivä, itsenäisyyspäivä, vapunpäivä, joulu- tai juhannusaatto tai arkilauantai, oikaisuvaatimuksen saa tehdä ensimmäisenä arkipäivänä sen jälkeen.',
            ...dates(true),
            `Oikaisuvaatimukseen annettuun päätökseen saa hakea muutosta kunnallisvalituksella (${c.court.fi}) 30 päivän kuluessa sen tiedoksisaannista.`,
          ],
        },
        {
          lang: 'sv',
          heading: 'Anvisning om begäran om omprövning',
          paragraphs: [
            'Den som är missnöjd med beslutet får framställa en skriftlig begäran om omprövning. Ändring i beslutet får inte sökas genom besvär hos domstol.',
            'Begäran om omprövning får framställas av den som beslutet avser eller vars rätt, skyldighet eller fördel direkt påverkas av beslutet (part) samt av kommunmedlemmarna.',
            `Omprövningsmyndighet: ${c.body.sv}, ${c.city.sv}.`,
            'Begäran om omprövning ska framställas inom 14 dagar från delfåendet av beslutet. En kommunmedlem anses ha fått del av beslutet sju dagar efter att protokollet har publicerats i det allmänna datanätet. En part anses ha fått del av beslutet sju dagar efter att ett brev sändes eller den tredje dagen efter att ett elektroniskt meddelande sändes. Om den sista dagen är en helgdag, självständighetsdagen, första maj, julafton, midsommarafton eller en vardagslördag, får begäran framställas den första vardagen därefter.',
            ...dates(false),
            `Ändring i ett beslut som meddelats med anledning av en begäran om omprövning får sökas genom kommunalbesvär (${c.court.sv}) inom 30 dagar från delfåendet.`,
          ],
        },
      ];
    case 'court-appeal':
      return [
        {
          lang: 'fi',
          heading: 'Valitusosoitus',
          paragraphs: [
            `Tähän oikaisuvaatimukseen annettuun päätökseen saa hakea muutosta kunnallisvalituksella. Valitusviranomainen: ${c.court.fi}.`,
            'Valituksen saa tehdä se, joka on tehnyt oikaisuvaatimuksen. Jos päätös on oikaisuvaatimuksen johdosta muuttunut, valituksen saa tehdä myös se, johon päätös on kohdistettu tai jonka oikeuteen, velvollisuuteen tai etuun päätös välittömästi vaikuttaa, sekä kunnan jäsen.',
            'Valitus on tehtävä 30 päivän kuluessa päätöksen tiedoksisaannista, ja sen saa tehdä vain sillä perusteella, että päätös on syntynyt virheellisessä järjestyksessä, päätöksen tehnyt on ylittänyt toimivaltansa tai päätös on muuten lainvastainen. Jos määräajan viimeinen päivä on pyhäpäivä tai muu vapaapäivä, valituksen saa tehdä ensimmäisenä arkipäivänä sen jälkeen.',
            ...dates(true),
          ],
        },
        {
          lang: 'sv',
          heading: 'Besvärsanvisning',
          paragraphs: [
            `Ändring i detta beslut om omprövning får sökas genom kommunalbesvär. Besvärsmyndighet: ${c.court.sv}.`,
            'Besvär får anföras av den som framställt begäran om omprövning. Om beslutet har ändrats med anledning av begäran, får besvär anföras också av den som beslutet avser eller vars rätt, skyldighet eller fördel direkt påverkas av beslutet, samt av kommunmedlemmarna.',
            'Besvär ska anföras inom 30 dagar från delfåendet av beslutet och får anföras endast på grund av att beslutet har tillkommit i felaktig ordning, att den som fattat beslutet har överskridit sina befogenheter eller att beslutet annars strider mot lag. Om den sista dagen är en helgdag eller annan fridag, får besvär anföras den första vardagen därefter.',
            ...dates(false),
          ],
        },
      ];
  }
}
