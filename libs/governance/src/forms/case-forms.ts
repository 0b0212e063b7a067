import {
  AGE_GROUPS,
  choice,
  choices,
  date,
  dateTime,
  decisionOfBody,
  field,
  form,
  labels,
  object,
  PROVIDER_TYPES,
  SECTORS,
  TARGETING,
  text,
  type FormDefinition,
  type Schema,
} from './form-labels.js';

export const DEFAULT_CLASSIFICATION = '00 01 05';
const CODE = '^[a-z0-9][a-z0-9-]{0,62}$';

export const MEASURE_START = form(
  'kaari:measure-start',
  labels('Toimenpiteen käynnistäminen', 'Starting a measure', 'Start av en åtgärd'),
  labels(
    'Muutosjohtaja käynnistää poikkihallinnollisen toimenpiteen. Asialle annetaan diaarinumero käynnistettäessä.',
    'The change director starts a cross-sector measure. The case gets its diary number when it starts.',
    'Förändringsdirektören startar en sektorsövergripande åtgärd. Ärendet får sitt diarienummer vid starten.',
  ),
  {
    title: text(labels('Asian otsikko', 'Title of the matter', 'Ärendets rubrik'), { min: 3, max: 300 }),
    description: text(labels('Kuvaus', 'Description', 'Beskrivning'), { max: 5000, multiline: true }),
    classification: text(labels('Tehtäväluokka', 'Task classification', 'Uppgiftsklass'), {
      max: 11,
      pattern: '^\\d{2}( \\d{2}){1,3}$',
      default: DEFAULT_CLASSIFICATION,
      'x-message': 'a task classification code such as 00 01 05',
    }),
    preparer: text(labels('Valmistelija', 'Preparer', 'Beredare'), { max: 200 }),
    decisionBody: field(labels('Päättävä toimielin', 'Decision body', 'Beslutande organ'), { type: 'string', pattern: CODE, default: 'kaupunginhallitus' }),
    sectors: choices(labels('Toimialat', 'Sectors', 'Sektorer'), SECTORS),
  },
  ['title'],
);

/** One row of the service inventory; also the shape of `PUT /api/instances/:id/services` rows and of imported rows. */
export const SERVICE_ROW: Schema = object(
  labels('Palvelu', 'Service', 'Tjänst'),
  {
    service: text(labels('Palvelu', 'Service', 'Tjänst'), { max: 300 }),
    providerType: choice(labels('Tuottajatyyppi', 'Provider type', 'Producenttyp'), PROVIDER_TYPES),
    providerName: text(labels('Tuottaja', 'Provider', 'Producent'), { max: 300 }),
    sector: choice(labels('Toimiala', 'Sector', 'Sektor'), SECTORS),
    ageGroups: choices(labels('Kohdeikäryhmät', 'Target age groups', 'Målåldersgrupper'), AGE_GROUPS),
    targeting: choice(labels('Kohdentuminen', 'Targeting', 'Inriktning'), TARGETING),
    euros: field(labels('Kustannus (€/v)', 'Cost (€/year)', 'Kostnad (€/år)'), { type: 'number', minimum: 0, maximum: 1e11 }),
    personYears: field(labels('Henkilötyövuodet', 'Person-years', 'Årsverken'), { type: ['number', 'null'], minimum: 0, maximum: 1e6 }),
    users: object(
      labels('Käyttäjät ikäryhmittäin (jos tiedossa)', 'Users by age group (where known)', 'Användare per åldersgrupp (om känt)'),
      Object.fromEntries(Object.entries(AGE_GROUPS).map(([k, l]) => [k, field(l, { type: 'integer', minimum: 0, maximum: 1e8 })])),
      [],
      { type: ['object', 'null'] },
    ),
    notes: text(labels('Huomautukset', 'Notes', 'Anmärkningar'), { min: 0, max: 2000 }),
  },
  // Target age groups only for an age-targeted service: a family-targeted one without any counts for 0–17, a universal one by
  // population shares (the children's budget), so neither needs them.
  ['service', 'providerType', 'providerName', 'sector', 'targeting', 'euros'],
  {
    if: { properties: { targeting: { const: 'age-targeted' } }, required: ['targeting'] },
    then: {
      required: ['ageGroups'],
      properties: { ageGroups: { type: 'array', minItems: 1, 'x-message': 'an age-targeted service names at least one target age group' } },
      'x-reasons': {
        ageGroups: labels(
          'Ikäryhmille kohdennettu palvelu nimeää vähintään yhden kohdeikäryhmän.',
          'An age-targeted service names at least one target age group.',
          'En åldersinriktad tjänst anger minst en målåldersgrupp.',
        ),
      },
    },
  },
);

export const MAX_SERVICE_ROWS = 5000;

/**
 * A service row as the mapping form sends it: with the `id` of the inventory row it changes
 * (from `GET /api/instances/:id/services`), or without one for a new service. `x-hidden`: the
 * web app keeps it with the row and never shows it.
 */
const MAPPING_ROW: Schema = {
  ...SERVICE_ROW,
  properties: {
    id: field(labels('Palvelurivin tunniste', 'Inventory row id', 'Radens id'), {
      type: 'string',
      format: 'uuid',
      'x-hidden': true,
      description: 'The inventory row this row changes; left out for a new service.',
    }),
    ...(SERVICE_ROW.properties as Record<string, Schema>),
  },
};

export const SERVICE_MAPPING = form(
  'kaari:service-mapping',
  labels('Palveluiden ja resurssien kartoitus', 'Mapping of services and resources', 'Kartläggning av tjänster och resurser'),
  labels(
    'Palvelut tuottajittain, ikäryhmittäin ja resursseittain. Palvelurivit tallennetaan asian palveluinventaarioon (myös tuonti CSV- tai Excel-tiedostosta); vähintään yksi palvelu vaaditaan.',
    'Services by provider, age group and resources. Rows go to the case’s service inventory (also importable from a CSV or Excel file); at least one service is required.',
    'Tjänster per producent, åldersgrupp och resurser. Raderna sparas i ärendets tjänsteinventering (kan även importeras från CSV eller Excel); minst en tjänst krävs.',
  ),
  {
    services: field(labels('Palvelut', 'Services', 'Tjänster'), {
      type: 'array',
      items: MAPPING_ROW,
      maxItems: 500,
      description:
        'Edits to the inventory: a row with an id changes that row, a row without one adds a service (or changes the service of the same name and provider). Services left out stay as they are; when left out, the inventory entered through /services or an import is used.',
    }),
    removedServices: field(labels('Poistetut palvelut', 'Removed services', 'Borttagna tjänster'), {
      type: 'array',
      items: { type: 'string', format: 'uuid' },
      uniqueItems: true,
      maxItems: MAX_SERVICE_ROWS,
      'x-hidden': true,
      description: 'The ids of inventory rows to remove: a service leaves the inventory only when named here.',
    }),
    dataSources: text(labels('Tietolähteet', 'Data sources', 'Datakällor'), { max: 2000, multiline: true }),
    notes: text(labels('Huomautukset', 'Notes', 'Anmärkningar'), { max: 5000, multiline: true }),
  },
  [],
);

const MEETING = object(
  labels('Kokous', 'Meeting', 'Möte'),
  {
    body: field(labels('Toimielin', 'Body', 'Organ'), { type: 'string', pattern: CODE }),
    date: date(labels('Kokouspäivä', 'Meeting date', 'Mötesdatum')),
    item: text(labels('Asiakohta', 'Agenda item', 'Ärende på föredragningslistan'), { max: 50 }),
  },
  ['body', 'date', 'item'],
);

export const STEERING_REVIEW = decisionOfBody(
  form(
    'kaari:steering-review',
    labels('Ohjausryhmän käsittely', 'Steering-group review', 'Styrgruppens behandling'),
    labels(
      'Hyvinvoinnin johtoryhmä käsittelee kartoituksen: hyväksyy, hyväksyy ehdoin tai palauttaa perustellen.',
      'The wellbeing management group reviews the mapping: approves, approves with conditions, or returns it with reasons.',
      'Välfärdsledningsgruppen behandlar kartläggningen: godkänner, godkänner med villkor eller återremitterar med motivering.',
    ),
    {
      reviewOutcome: choice(labels('Käsittelyn tulos', 'Outcome', 'Resultat'), {
        approved: labels('Hyväksytty', 'Approved', 'Godkänd'),
        returned: labels('Palautettu', 'Returned', 'Återremitterad'),
        'approved-with-conditions': labels('Hyväksytty ehdoin', 'Approved with conditions', 'Godkänd med villkor'),
      }),
      returnReasons: text(labels('Palautuksen perustelut', 'Reasons for returning', 'Motivering för återremiss'), { max: 5000, multiline: true }),
      conditions: field(labels('Ehdot', 'Conditions', 'Villkor'), { type: 'array', items: { type: 'string', minLength: 1, maxLength: 1000 }, maxItems: 50 }),
      comments: text(labels('Kommentit', 'Comments', 'Kommentarer'), { min: 0, max: 10000, multiline: true }),
      meeting: MEETING,
    },
    ['reviewOutcome', 'meeting'],
    {
      allOf: [
        {
          if: { properties: { reviewOutcome: { const: 'returned' } }, required: ['reviewOutcome'] },
          then: {
            required: ['returnReasons'],
            'x-reasons': { returnReasons: labels('Palautus perustellaan.', 'A return gives its reasons.', 'En återremiss ska motiveras.') },
          },
        },
        {
          if: { properties: { reviewOutcome: { const: 'approved-with-conditions' } }, required: ['reviewOutcome'] },
          then: {
            required: ['conditions'],
            properties: { conditions: { type: 'array', minItems: 1 } },
            'x-reasons': {
              conditions: labels(
                'Ehdoin hyväksyttäessä kirjataan vähintään yksi ehto.',
                'An approval with conditions names at least one condition.',
                'Ett godkännande med villkor anger minst ett villkor.',
              ),
            },
          },
        },
      ],
    },
  ),
);

export const DECISION_OUTCOMES = {
  approved: labels('Hyväksytty', 'Approved', 'Godkänt'),
  amended: labels('Hyväksytty muutettuna', 'Approved as amended', 'Godkänt med ändringar'),
  tabled: labels('Jätetty pöydälle', 'Tabled', 'Bordlagt'),
  returned: labels('Palautettu uudelleen valmisteltavaksi', 'Returned for new preparation', 'Återremitterat för ny beredning'),
  rejected: labels('Hylätty', 'Rejected', 'Avslaget'),
};

export const COUNCIL_DECISION = decisionOfBody(
  form(
    'kaari:council-decision',
    labels('Toimielimen päätös', 'Decision of the body', 'Organets beslut'),
    labels(
      'Päätös kirjataan pöytäkirjaan: pykälä juoksee toimielimittäin vuosittain. Päätöstä ei voi tehdä ennen kuin lapsivaikutusten arviointi (tai esiarviointi, jonka mukaan lapsiin ei kohdistu vaikutuksia) on hyväksytty.',
      'The decision is recorded in the minutes with a § number running per body and year. It cannot be made before the child impact assessment (or a screening finding children are not affected) is signed off.',
      'Beslutet protokollförs med en paragraf som löper per organ och år. Det kan inte fattas innan barnkonsekvensbedömningen (eller en förhandsbedömning om att barn inte berörs) är godkänd.',
    ),
    {
      meetingDate: date(labels('Kokouspäivä', 'Meeting date', 'Mötesdatum')),
      decisionOutcome: choice(labels('Päätös', 'Outcome', 'Beslut'), DECISION_OUTCOMES),
      proposal: text(labels('Esittelijän ehdotus', 'Presenter’s proposal', 'Föredragandens förslag'), { max: 20000, multiline: true }),
      decisionText: text(labels('Päätösteksti', 'Decision text', 'Beslutstext'), { max: 20000, multiline: true }),
      amendments: text(labels('Muutokset ehdotukseen', 'Amendments to the proposal', 'Ändringar i förslaget'), { max: 10000, multiline: true }),
      returnReasons: text(labels('Palautuksen perustelut', 'Reasons for returning', 'Motivering för återremiss'), { max: 5000, multiline: true }),
      vote: object(
        labels('Äänestys', 'Vote', 'Omröstning'),
        {
          for: field(labels('Puolesta', 'For', 'För'), { type: 'integer', minimum: 0, maximum: 200 }),
          against: field(labels('Vastaan', 'Against', 'Emot'), { type: 'integer', minimum: 0, maximum: 200 }),
          abstained: field(labels('Tyhjää', 'Abstained', 'Blankt'), { type: 'integer', minimum: 0, maximum: 200 }),
        },
        ['for', 'against'],
        {
          'x-reasons': {
            for: labels(
              'Kirjattu äänestys kertoo äänet puolesta.',
              'A vote on the record gives the votes for.',
              'En protokollförd omröstning anger rösterna för.',
            ),
            against: labels(
              'Kirjattu äänestys kertoo äänet vastaan.',
              'A vote on the record gives the votes against.',
              'En protokollförd omröstning anger rösterna emot.',
            ),
          },
        },
      ),
      childImpactSummary: text(labels('Lapsivaikutusten yhteenveto', 'Summary of child impacts', 'Sammanfattning av konsekvenser för barn'), {
        max: 5000,
        multiline: true,
        description: 'Left out: taken from the signed-off assessment (or screening).',
      }),
      publishedAt: dateTime(labels('Pöytäkirja julkaistu', 'Minutes published', 'Protokollet publicerat'), { description: 'Left out: now.' }),
    },
    ['meetingDate', 'decisionOutcome', 'decisionText'],
    {
      allOf: [
        {
          if: { properties: { decisionOutcome: { const: 'amended' } }, required: ['decisionOutcome'] },
          then: {
            required: ['amendments'],
            'x-reasons': {
              amendments: labels(
                'Muutettuna hyväksytyn päätöksen muutokset kirjataan.',
                'A decision approved as amended gives the amendments.',
                'Ett beslut godkänt med ändringar anger ändringarna.',
              ),
            },
          },
        },
        {
          if: { properties: { decisionOutcome: { const: 'returned' } }, required: ['decisionOutcome'] },
          then: {
            required: ['returnReasons'],
            'x-reasons': { returnReasons: labels('Palautus perustellaan.', 'A return gives its reasons.', 'En återremiss ska motiveras.') },
          },
        },
      ],
    },
  ),
);

export const ENFORCEMENT = form(
  'kaari:enforcement',
  labels('Päätöksen täytäntöönpano', 'Enforcement of the decision', 'Verkställighet av beslutet'),
  labels(
    'Lainvoimainen päätös pannaan täytäntöön: mitä tehtiin ja milloin.',
    'The final decision is put into effect: what was done and when.',
    'Det lagakraftvunna beslutet verkställs: vad som gjordes och när.',
  ),
  {
    measures: text(labels('Toimenpiteet', 'Measures taken', 'Vidtagna åtgärder'), { max: 10000, multiline: true }),
    enforcedOn: date(labels('Päivämäärä', 'Date', 'Datum')),
    notes: text(labels('Huomautukset', 'Notes', 'Anmärkningar'), { max: 5000, multiline: true }),
  },
  ['measures', 'enforcedOn'],
);

export const CASE_FORMS: FormDefinition[] = [MEASURE_START, SERVICE_MAPPING, STEERING_REVIEW, COUNCIL_DECISION, ENFORCEMENT];
