import {
  AGE_GROUPS,
  CHILD_GROUPS,
  choice,
  choices,
  CRC_ARTICLES,
  date,
  field,
  form,
  GENERAL_PRINCIPLES,
  ID_PATTERN,
  IMPACTS,
  labels,
  object,
  SIGN_OFF,
  text,
  type FormDefinition,
} from './form-labels.js';

const CODE = '^[a-z0-9][a-z0-9-]{0,62}$';

export const CHILD_IMPACT_SCREENING = form(
  'kaari:child-impact-screening',
  labels('Lapsivaikutusten esiarviointi', 'Child impact screening', 'Förhandsbedömning av konsekvenser för barn'),
  labels(
    'Vaikuttaako asia lapsiin suoraan, välillisesti, ei lainkaan vai onko se epävarmaa? Jos ei, perustelu kirjataan ja hyväksytään, eikä laajaa arviointia tarvita.',
    'Does the matter affect children directly, indirectly, not at all, or is it uncertain? If not, the justification is recorded and signed off, and the full assessment is skipped.',
    'Påverkar ärendet barn direkt, indirekt, inte alls eller är det osäkert? Om inte, registreras och godkänns motiveringen och den fullständiga bedömningen hoppas över.',
  ),
  {
    childrenAffected: choice(labels('Vaikuttaako lapsiin', 'Are children affected', 'Påverkas barn'), {
      directly: labels('Suoraan', 'Directly', 'Direkt'),
      indirectly: labels('Välillisesti', 'Indirectly', 'Indirekt'),
      no: labels('Ei', 'No', 'Nej'),
      uncertain: labels('Epävarmaa', 'Uncertain', 'Osäkert'),
    }),
    justification: text(labels('Perustelu', 'Justification', 'Motivering'), { min: 10, max: 10000, multiline: true }),
    scope: choice(labels('Arvioinnin laajuus', 'Scope of the assessment', 'Bedömningens omfattning'), {
      light: labels('Suppea', 'Light', 'Begränsad'),
      full: labels('Laaja', 'Full', 'Fullständig'),
    }),
    affectedGroups: choices(labels('Lapsiryhmät', 'Child groups affected', 'Berörda grupper av barn'), CHILD_GROUPS),
    ageGroups: choices(labels('Ikäryhmät', 'Age groups', 'Åldersgrupper'), AGE_GROUPS),
    signOff: SIGN_OFF,
  },
  ['childrenAffected', 'justification', 'signOff'],
  {
    if: { properties: { childrenAffected: { enum: ['directly', 'indirectly', 'uncertain'] } }, required: ['childrenAffected'] },
    then: {
      required: ['scope', 'affectedGroups', 'ageGroups'],
      properties: {
        affectedGroups: { type: 'array', minItems: 1, 'x-message': 'name at least one child group when children may be affected' },
        ageGroups: { type: 'array', minItems: 1, 'x-message': 'name at least one age group when children may be affected' },
      },
      'x-reasons': {
        scope: labels(
          'Kun asia voi vaikuttaa lapsiin, arvioinnin laajuus valitaan.',
          'When children may be affected, choose the scope of the assessment.',
          'När barn kan påverkas väljs bedömningens omfattning.',
        ),
        affectedGroups: labels(
          'Kun asia voi vaikuttaa lapsiin, nimeä vähintään yksi lapsiryhmä.',
          'When children may be affected, name at least one child group.',
          'När barn kan påverkas, ange minst en grupp av barn.',
        ),
        ageGroups: labels(
          'Kun asia voi vaikuttaa lapsiin, nimeä vähintään yksi ikäryhmä.',
          'When children may be affected, name at least one age group.',
          'När barn kan påverkas, ange minst en åldersgrupp.',
        ),
      },
    },
  },
);

const SOURCES = {
  'school-health-survey': labels('Kouluterveyskysely', 'School health survey', 'Skolhälsoenkäten'),
  sotkanet: labels('Sotkanet-indikaattorit', 'Sotkanet indicators', 'Sotkanet-indikatorer'),
  'service-mapping': labels('Palvelukartoitus', 'The service mapping', 'Tjänstekartläggningen'),
  'childrens-views': labels('Lasten ja nuorten näkemykset', 'Children’s and young people’s views', 'Barns och ungas synpunkter'),
  research: labels('Tutkimus', 'Research', 'Forskning'),
  other: labels('Muu', 'Other', 'Annat'),
};

/** A field naming one of the alternatives entered above: the web app offers them by title. */
const ALTERNATIVES = { items: 'alternatives', value: 'id', label: 'title' };

const NEGATIVE_CELL = {
  type: 'object',
  anyOf: [
    { type: 'object', properties: { shortTerm: { const: 'negative' } }, required: ['shortTerm'] },
    { type: 'object', properties: { longTerm: { const: 'negative' } }, required: ['longTerm'] },
  ],
};

export const CHILD_IMPACT_ASSESSMENT = form(
  'kaari:child-impact-assessment',
  labels('Lapsivaikutusten arviointi', 'Child impact assessment', 'Barnkonsekvensbedömning'),
  labels(
    'Laaja arviointi: tietopohja, lasten kuuleminen, vaihtoehdot (myös nykytila), vaikutukset ryhmittäin, lieventäminen, johtopäätös ja hyväksyntä. Asia ei etene päätöksentekoon ennen hyväksyntää.',
    'The full assessment: evidence, hearing children, alternatives (including no change), impacts per group, mitigation, conclusion and sign-off. The matter does not go to decision before sign-off.',
    'Den fullständiga bedömningen: kunskapsunderlag, hörande av barn, alternativ (även inga ändringar), konsekvenser per grupp, lindring, slutsats och godkännande. Ärendet går inte till beslut före godkännandet.',
  ),
  {
    preparer: text(labels('Valmistelija', 'Preparer', 'Beredare'), { max: 200 }),
    decisionBody: field(labels('Päättävä toimielin', 'Decision body', 'Beslutande organ'), { type: 'string', pattern: CODE }),
    meetingDate: date(labels('Kokouspäivä', 'Meeting date', 'Mötesdatum')),
    affectedGroups: choices(labels('Lapsiryhmät', 'Child groups affected', 'Berörda grupper av barn'), CHILD_GROUPS, { minItems: 1 }),
    groupDetails: text(labels('Ryhmien tarkennus (esim. alue)', 'Groups in detail (a district, say)', 'Grupperna i detalj (t.ex. område)'), { max: 2000 }),
    ageGroups: choices(labels('Ikäryhmät', 'Age groups', 'Åldersgrupper'), AGE_GROUPS, { minItems: 1 }),
    crcArticles: field(labels('Lapsen oikeuksien sopimuksen artiklat', 'UN CRC articles engaged', 'Artiklar i barnkonventionen'), {
      type: 'array',
      items: { type: 'integer', minimum: 1, maximum: 54 },
      uniqueItems: true,
      'x-enumLabels': CRC_ARTICLES,
      allOf: GENERAL_PRINCIPLES.map((n) => ({
        type: 'array',
        contains: { const: n },
        'x-message': `always include article ${n} (a general principle of the convention)`,
      })),
    }),
    evidence: object(
      labels('Tietopohja', 'Evidence', 'Kunskapsunderlag'),
      {
        sources: choices(labels('Lähteet', 'Sources', 'Källor'), SOURCES, { minItems: 1 }),
        details: text(labels('Keskeiset tiedot', 'Key findings', 'Centrala uppgifter'), { max: 10000, multiline: true }),
        unknowns: text(labels('Mitä ei tiedetä', 'What is not known', 'Vad som inte är känt'), { max: 5000, multiline: true }),
      },
      ['sources', 'unknowns'],
    ),
    hearing: object(
      labels('Lasten kuuleminen', 'Hearing of children', 'Hörande av barn'),
      {
        heard: field(labels('Kuultiinko lapsia', 'Were children heard', 'Hördes barn'), { type: 'boolean' }),
        method: text(labels('Menetelmä', 'Method', 'Metod'), { max: 2000 }),
        participants: text(labels('Ketä kuultiin', 'Who was heard', 'Vem hördes'), { max: 2000 }),
        heardOn: date(labels('Milloin', 'When', 'När')),
        views: text(labels('Mitä lapset sanoivat', 'What the children said', 'Vad barnen sade'), { max: 10000, multiline: true }),
        changes: text(labels('Mitä kuulemisen perusteella muutettiin', 'What changed as a result', 'Vad som ändrades'), { max: 10000, multiline: true }),
        reasonNotHeard: text(labels('Miksi lapsia ei kuultu', 'Why children were not heard', 'Varför barn inte hördes'), {
          min: 10,
          max: 5000,
          multiline: true,
        }),
      },
      ['heard'],
      {
        if: { properties: { heard: { const: true } }, required: ['heard'] },
        then: {
          required: ['method', 'participants', 'heardOn', 'views', 'changes'],
          'x-reasons': Object.fromEntries(
            ['method', 'participants', 'heardOn', 'views', 'changes'].map((k) => [
              k,
              labels(
                'Kun lapsia kuultiin, kerro miten, ketä, milloin, mitä he sanoivat ja mitä muutettiin.',
                'When children were heard, say how, who, when, what they said and what changed.',
                'När barn hördes, ange hur, vilka, när, vad de sade och vad som ändrades.',
              ),
            ]),
          ),
        },
        else: {
          required: ['reasonNotHeard'],
          'x-reasons': {
            reasonNotHeard: labels('Kun lapsia ei kuultu, kerro miksi.', 'When children were not heard, say why.', 'När barn inte hördes, ange varför.'),
          },
        },
      },
    ),
    alternatives: field(labels('Vaihtoehdot', 'Alternatives', 'Alternativ'), {
      type: 'array',
      minItems: 2,
      maxItems: 20,
      'x-message': 'compare at least two alternatives, one of them no change',
      items: object(
        labels('Vaihtoehto', 'Alternative', 'Alternativ'),
        {
          // The web app gives each alternative its id (A, B, …) and picks alternatives by their titles: nobody types an id.
          id: field(labels('Tunnus', 'Id', 'Id'), { type: 'string', pattern: ID_PATTERN, 'x-hidden': true, 'x-autoId': 'letter' }),
          title: text(labels('Nimi', 'Title', 'Namn'), { max: 300 }),
          description: text(labels('Kuvaus', 'Description', 'Beskrivning'), { max: 5000, multiline: true }),
          noChange: field(labels('Nykytila (ei muutosta)', 'No change (the present state)', 'Inga ändringar (nuläget)'), { type: 'boolean' }),
        },
        ['id', 'title'],
      ),
      contains: {
        type: 'object',
        properties: { noChange: { const: true } },
        required: ['noChange'],
        'x-reasons': {
          noChange: labels(
            'Yksi vaihtoehdoista on nykytila (ei muutosta).',
            'One of the alternatives is no change (the present state).',
            'Ett av alternativen är inga ändringar (nuläget).',
          ),
        },
      },
    }),
    impacts: field(labels('Vaikutukset vaihtoehdoittain ja ryhmittäin', 'Impacts per alternative and group', 'Konsekvenser per alternativ och grupp'), {
      type: 'array',
      minItems: 1,
      maxItems: 400,
      items: object(
        labels('Vaikutus', 'Impact', 'Konsekvens'),
        {
          alternative: field(labels('Vaihtoehto', 'Alternative', 'Alternativ'), { type: 'string', pattern: ID_PATTERN, 'x-optionsFrom': ALTERNATIVES }),
          group: choice(labels('Ryhmä', 'Group', 'Grupp'), CHILD_GROUPS),
          shortTerm: choice(labels('Lyhyellä aikavälillä', 'Short term', 'På kort sikt'), IMPACTS),
          longTerm: choice(labels('Pitkällä aikavälillä', 'Long term', 'På lång sikt'), IMPACTS),
          description: text(labels('Kuvaus', 'Description', 'Beskrivning'), { max: 5000, multiline: true }),
        },
        ['alternative', 'group', 'shortTerm', 'longTerm'],
      ),
    }),
    conflictingInterests: text(
      labels('Ristiriitaiset edut ja niiden punninta', 'Conflicting interests and how they were weighed', 'Motstridiga intressen och avvägningen'),
      {
        max: 10000,
        multiline: true,
      },
    ),
    mitigation: text(labels('Haittojen lieventäminen', 'Mitigation', 'Lindrande åtgärder'), { max: 10000, multiline: true }),
    conclusion: object(
      labels('Johtopäätös', 'Conclusion', 'Slutsats'),
      {
        bestAlternative: field(labels('Lapsille paras vaihtoehto', 'Best alternative for children', 'Bästa alternativet för barn'), {
          type: 'string',
          pattern: ID_PATTERN,
          'x-optionsFrom': ALTERNATIVES,
        }),
        proposedAlternative: field(labels('Esitettävä vaihtoehto', 'Alternative proposed', 'Föreslaget alternativ'), {
          type: 'string',
          pattern: ID_PATTERN,
          'x-optionsFrom': ALTERNATIVES,
        }),
        departureReasons: text(
          labels(
            'Perustelut, jos esitys poikkeaa lapsille parhaasta',
            'Reasons if the proposal departs from the best for children',
            'Motivering om förslaget avviker',
          ),
          {
            max: 5000,
            multiline: true,
          },
        ),
        decisionSummary: text(labels('Yhteenveto päätöstekstiin', 'Summary for the decision text', 'Sammanfattning för beslutstexten'), {
          max: 3000,
          multiline: true,
        }),
      },
      ['bestAlternative', 'proposedAlternative', 'decisionSummary'],
      {
        // The rule is the server's (child-impact-rules.ts: JSON Schema cannot compare two fields); the web app marks the field by it.
        'x-requiredIfDiffer': {
          fields: ['bestAlternative', 'proposedAlternative'],
          field: 'departureReasons',
          reason: labels(
            'Esitys poikkeaa lapsille parhaasta vaihtoehdosta: perustele poikkeaminen.',
            'The proposal departs from the best alternative for children: give the reasons.',
            'Förslaget avviker från det bästa alternativet för barn: motivera avvikelsen.',
          ),
        },
      },
    ),
    followUp: object(
      labels('Seuranta', 'Follow-up', 'Uppföljning'),
      {
        indicators: field(labels('Seurantaindikaattorit', 'Follow-up indicators', 'Uppföljningsindikatorer'), {
          type: 'array',
          minItems: 1,
          maxItems: 50,
          items: { type: 'string', minLength: 1, maxLength: 500 },
        }),
        evaluationDate: date(labels('Jälkiarvioinnin ajankohta', 'Evaluation date', 'Datum för utvärdering')),
      },
      ['indicators', 'evaluationDate'],
    ),
    signOff: SIGN_OFF,
    childFriendlySummary: text(labels('Lapsiystävällinen tiivistelmä', 'Child-friendly summary', 'Barnvänlig sammanfattning'), { max: 5000, multiline: true }),
  },
  [
    'preparer',
    'decisionBody',
    'meetingDate',
    'affectedGroups',
    'ageGroups',
    'crcArticles',
    'evidence',
    'hearing',
    'alternatives',
    'impacts',
    'conflictingInterests',
    'conclusion',
    'followUp',
    'signOff',
  ],
  {
    if: { properties: { impacts: { type: 'array', contains: NEGATIVE_CELL } }, required: ['impacts'] },
    then: {
      required: ['mitigation'],
      'x-reasons': {
        mitigation: labels(
          'Kielteinen vaikutus edellyttää haittojen lieventämistä.',
          'A negative impact needs a mitigation.',
          'En negativ konsekvens kräver lindrande åtgärder.',
        ),
      },
    },
  },
);

export const CHILD_IMPACT_FORMS: FormDefinition[] = [CHILD_IMPACT_SCREENING, CHILD_IMPACT_ASSESSMENT];
