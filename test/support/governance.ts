/** Valid data for Kaari's forms, as a careful preparer would fill them in; tests override what they check. */

export const SIGN_OFF = { signedBy: 'Muutosjohtaja Maija Mallikas', role: 'muutosjohtaja', signedOn: '2026-03-03' };

export function serviceRow(over: Record<string, unknown> = {}) {
  return {
    service: 'Nuorisotalo Kupittaa',
    providerType: 'city-sector',
    providerName: 'Vapaa-aikatoimiala',
    sector: 'youth',
    ageGroups: ['13-17', '18-29'],
    targeting: 'age-targeted',
    euros: 100000,
    personYears: 2.5,
    users: { '13-17': 300, '18-29': 100 },
    ...over,
  };
}

export function review(over: Record<string, unknown> = {}) {
  return {
    reviewOutcome: 'approved',
    comments: 'Kartoitus kattaa kaupungin, hyvinvointialueen ja järjestöjen palvelut.',
    meeting: { body: 'hyvinvoinnin-johtoryhma', date: '2026-03-02', item: '5' },
    ...over,
  };
}

export const RETURNED_REVIEW = review({ reviewOutcome: 'returned', returnReasons: 'Järjestöjen palvelut puuttuvat.' });

export function screening(childrenAffected: 'directly' | 'indirectly' | 'no' | 'uncertain', over: Record<string, unknown> = {}) {
  const affected = childrenAffected !== 'no';
  return {
    childrenAffected,
    justification: affected ? 'Muutos koskee 13–17-vuotiaiden nuorisopalveluja suoraan.' : 'Asia koskee vain hallinnon toimitiloja.',
    ...(affected ? { scope: 'full', affectedGroups: ['school', 'low-income'], ageGroups: ['13-17'] } : {}),
    signOff: SIGN_OFF,
    ...over,
  };
}

export function assessment(over: Record<string, unknown> = {}) {
  return {
    preparer: 'Erityisasiantuntija Outi Ojala',
    decisionBody: 'kaupunginhallitus',
    meetingDate: '2026-04-10',
    affectedGroups: ['school', 'low-income'],
    ageGroups: ['13-17'],
    crcArticles: [2, 3, 6, 12, 31],
    evidence: {
      sources: ['school-health-survey', 'service-mapping'],
      details: 'Kouluterveyskyselyn mukaan harrastamattomien osuus kasvaa.',
      unknowns: 'Järjestöjen palveluiden käyttäjämääriä ei tiedetä.',
    },
    hearing: {
      heard: true,
      method: 'Työpajat nuorisotaloilla',
      participants: 'Nuorisovaltuusto ja 40 nuorta',
      heardOn: '2026-03-20',
      views: 'Iltaisin enemmän aukioloa, bussimatkat ovat kalliita.',
      changes: 'Aukiolo iltaisin lisättiin, bussilipputuki lisättiin.',
    },
    alternatives: [
      { id: 'A', title: 'Nykytila', noChange: true },
      { id: 'B', title: 'Nuorisotalot yhdistetään' },
    ],
    impacts: [
      { alternative: 'A', group: 'school', shortTerm: 'neutral', longTerm: 'neutral' },
      { alternative: 'A', group: 'low-income', shortTerm: 'neutral', longTerm: 'negative' },
      { alternative: 'B', group: 'school', shortTerm: 'positive', longTerm: 'positive' },
      { alternative: 'B', group: 'low-income', shortTerm: 'negative', longTerm: 'positive' },
    ],
    conflictingInterests: 'Kustannussäästöt ja palveluiden saavutettavuus punnittiin: saavutettavuus turvataan lipputuella.',
    mitigation: 'Bussilipputuki pienituloisten perheiden nuorille.',
    conclusion: {
      bestAlternative: 'B',
      proposedAlternative: 'B',
      decisionSummary: 'Yhdistäminen parantaa palveluja; matkakustannusten haitta lievennetään lipputuella.',
    },
    followUp: { indicators: ['13–17-vuotiaiden käyntikerrat'], evaluationDate: '2027-06-01' },
    signOff: SIGN_OFF,
    ...over,
  };
}

export function decision(over: Record<string, unknown> = {}) {
  return {
    meetingDate: '2026-04-10',
    decisionOutcome: 'approved',
    proposal: 'Kaupunginhallitus päättää hyväksyä muutoshankkeen.',
    decisionText: 'Kaupunginhallitus hyväksyi esityksen.',
    ...over,
  };
}

export const ENFORCEMENT = { measures: 'Nuorisotalot yhdistettiin 1.8.2026.', enforcedOn: '2026-08-01' };

/** The four services (city sector, county, NGO; one family-targeted without age groups) of the walk-through: 1,695,000 € in all. */
export const FOUR_SERVICES = [
  serviceRow({ service: 'Perusopetuksen iltapäivätoiminta', sector: 'education', ageGroups: ['7-12'], euros: 900000, users: null }),
  serviceRow({ service: 'Nuorisotalo Kupittaa', euros: 450000 }),
  serviceRow({
    service: 'Perheneuvola',
    providerType: 'wellbeing-county',
    providerName: 'Varha',
    sector: 'social-welfare',
    targeting: 'family-targeted',
    ageGroups: [],
    euros: 285000,
    users: null,
  }),
  serviceRow({ service: 'Partiolippukunta', providerType: 'ngo', providerName: 'Turun Partio', ageGroups: ['7-12', '13-17'], euros: 60000, users: null }),
];

/** Two services the browser tests map: an afternoon club for 7–12 and NGO youth houses for 13–29 (300,000 €). */
export const TWO_SERVICES = [
  {
    service: 'Iltapäivätoiminta',
    providerType: 'city-sector',
    providerName: 'Kasvatus ja opetus',
    sector: 'education',
    ageGroups: ['7-12'],
    targeting: 'age-targeted',
    euros: 240000,
  },
  {
    service: 'Nuorisotalot',
    providerType: 'ngo',
    providerName: 'Nuorisoyhdistys',
    sector: 'youth',
    ageGroups: ['13-17', '18-29'],
    targeting: 'age-targeted',
    euros: 60000,
  },
];
