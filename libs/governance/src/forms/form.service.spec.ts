import { assessment, decision, ENFORCEMENT, review, screening, serviceRow } from '../../../../test/support/governance.js';
import { FormService } from './form.service.js';

const forms = new FormService();
const paths = (key: string, data: Record<string, unknown>) => forms.problems(key, structuredClone(data)).map((p) => p.path);
const problem = (key: string, data: Record<string, unknown>, path: string) => forms.problems(key, structuredClone(data)).find((p) => p.path === path);

describe('forms', () => {
  it('lists every form of the governance process with labels in Finnish, English and Swedish', () => {
    const keys = forms.list().map((f) => f.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'kaari:measure-start',
        'kaari:service-mapping',
        'kaari:steering-review',
        'kaari:child-impact-screening',
        'kaari:child-impact-assessment',
        'kaari:council-decision',
        'kaari:enforcement',
      ]),
    );
    for (const key of keys) {
      const { schema } = forms.get(key);
      for (const [name, property] of Object.entries(schema.properties as Record<string, Record<string, unknown>>)) {
        expect({ name, title: typeof property.title, labels: Object.keys(property['x-labels'] as object).sort() }).toEqual({
          name,
          title: 'string',
          labels: ['en', 'fi', 'sv'],
        });
      }
    }
  });

  describe('measure-start', () => {
    it('needs a title and fills in the default classification', () => {
      const data: Record<string, unknown> = { title: 'Lasten ja nuorten palvelukokonaisuus' };
      expect(forms.problems('kaari:measure-start', data)).toEqual([]);
      expect(data.classification).toBe('00 01 05');
      expect(paths('kaari:measure-start', {})).toEqual(['/title']);
    });

    it('refuses a malformed classification and unknown fields', () => {
      expect(problem('kaari:measure-start', { title: 'Otsikko', classification: '0105' }, '/classification')?.message).toMatch(/00 01 05/);
      expect(paths('kaari:measure-start', { title: 'Otsikko', surprise: 1 })).toEqual(['/surprise']);
    });
  });

  describe('service-mapping', () => {
    it('accepts service rows', () => {
      expect(
        paths('kaari:service-mapping', { services: [serviceRow(), serviceRow({ targeting: 'universal', ageGroups: [], users: null, personYears: null })] }),
      ).toEqual([]);
    });

    it('reports each bad cell by its path', () => {
      const bad = { services: [serviceRow(), serviceRow({ euros: 'lots', providerType: 'city', users: { '0-6': -1 } })] };
      expect(paths('kaari:service-mapping', bad)).toEqual(expect.arrayContaining(['/services/1/euros', '/services/1/providerType', '/services/1/users/0-6']));
    });

    it('needs a target age group for an age-targeted service', () => {
      expect(problem('kaari:service-mapping', { services: [serviceRow({ ageGroups: [] })] }, '/services/0/ageGroups')?.message).toMatch(
        /at least one target age group/,
      );
    });

    it('needs target age groups only for an age-targeted service: a family-targeted or universal one may leave them out', () => {
      const without = (targeting: string) => {
        const row: Record<string, unknown> = serviceRow({ targeting });
        delete row.ageGroups;
        return { services: [row] };
      };
      expect(paths('kaari:service-mapping', without('family-targeted'))).toEqual([]);
      expect(paths('kaari:service-mapping', without('universal'))).toEqual([]);
      expect(problem('kaari:service-mapping', without('age-targeted'), '/services/0/ageGroups')?.code).toBe('required');
    });
  });

  describe('steering-review', () => {
    it('accepts an approval with its meeting', () => {
      expect(paths('kaari:steering-review', review())).toEqual([]);
    });

    it('needs reasons to return, conditions to approve with conditions, and the meeting', () => {
      expect(paths('kaari:steering-review', review({ reviewOutcome: 'returned' }))).toEqual(['/returnReasons']);
      expect(paths('kaari:steering-review', review({ reviewOutcome: 'approved-with-conditions' }))).toEqual(['/conditions']);
      expect(paths('kaari:steering-review', review({ reviewOutcome: 'approved-with-conditions', conditions: [] }))).toEqual(['/conditions']);
      expect(paths('kaari:steering-review', review({ reviewOutcome: 'approved-with-conditions', conditions: ['Järjestöt mukaan'] }))).toEqual([]);
      const noMeeting: Record<string, unknown> = review();
      delete noMeeting.meeting;
      expect(paths('kaari:steering-review', noMeeting)).toEqual(['/meeting']);
      expect(paths('kaari:steering-review', review({ meeting: { body: 'hyvinvoinnin-johtoryhma', date: '2.3.2026', item: '5' } }))).toEqual(['/meeting/date']);
      expect(paths('kaari:steering-review', review({ reviewOutcome: 'maybe' }))).toEqual(['/reviewOutcome']);
    });

    it('asks an empty submission for its outcome only, not for what an outcome would need', () => {
      const empty: Record<string, unknown> = review();
      delete empty.reviewOutcome;
      expect(paths('kaari:steering-review', empty)).toEqual(['/reviewOutcome']);
    });
  });

  describe('child-impact-screening', () => {
    it('records "not affected" with a justification and a sign-off', () => {
      expect(paths('kaari:child-impact-screening', screening('no'))).toEqual([]);
      expect(paths('kaari:child-impact-screening', screening('no', { justification: undefined, signOff: { signedBy: 'X' } }))).toEqual(
        expect.arrayContaining(['/justification', '/signOff/signedOn']),
      );
    });

    it('needs scope, groups and age groups when children may be affected', () => {
      expect(paths('kaari:child-impact-screening', screening('directly'))).toEqual([]);
      const bare = { childrenAffected: 'uncertain', justification: 'Vaikutuksia ei vielä tunneta.', signOff: screening('no').signOff };
      expect(paths('kaari:child-impact-screening', bare).sort()).toEqual(['/affectedGroups', '/ageGroups', '/scope']);
      expect(problem('kaari:child-impact-screening', screening('indirectly', { ageGroups: [] }), '/ageGroups')?.message).toMatch(/at least one age group/);
    });
  });

  describe('child-impact-assessment', () => {
    const key = 'kaari:child-impact-assessment';

    it('accepts a complete assessment', () => {
      expect(forms.problems(key, assessment())).toEqual([]);
    });

    it('needs every mandatory field', () => {
      expect(paths(key, {}).sort()).toEqual(
        [
          '/affectedGroups',
          '/ageGroups',
          '/alternatives',
          '/conclusion',
          '/conflictingInterests',
          '/crcArticles',
          '/decisionBody',
          '/evidence',
          '/followUp',
          '/hearing',
          '/impacts',
          '/meetingDate',
          '/preparer',
          '/signOff',
        ].sort(),
      );
    });

    it('always engages the CRC articles 2, 3, 6 and 12', () => {
      const missing = forms.problems(key, assessment({ crcArticles: [2, 3, 31] })).filter((p) => p.path === '/crcArticles');
      expect(missing.map((p) => p.message)).toEqual([expect.stringMatching(/article 6/), expect.stringMatching(/article 12/)]);
    });

    it('compares at least two alternatives, one of them no change', () => {
      const conclusion = { bestAlternative: 'A', proposedAlternative: 'A', decisionSummary: 'Nykytila.' };
      expect(
        paths(key, assessment({ alternatives: [{ id: 'A', title: 'Nykytila', noChange: true }], impacts: assessment().impacts.slice(0, 2), conclusion })),
      ).toEqual(['/alternatives']);
      const noBaseline = [
        { id: 'A', title: 'Yksi' },
        { id: 'B', title: 'Kaksi' },
      ];
      expect(problem(key, assessment({ alternatives: noBaseline }), '/alternatives')?.code).toBe('contains');
    });

    it('records how children were heard, or why not', () => {
      expect(paths(key, assessment({ hearing: { heard: true, method: 'Kysely' } })).sort()).toEqual([
        '/hearing/changes',
        '/hearing/heardOn',
        '/hearing/participants',
        '/hearing/views',
      ]);
      expect(paths(key, assessment({ hearing: { heard: false } }))).toEqual(['/hearing/reasonNotHeard']);
      expect(paths(key, assessment({ hearing: { heard: false, reasonNotHeard: 'Asia on kiireellinen ja tekninen.' } }))).toEqual([]);
    });

    it('requires mitigation when any impact is negative, and not otherwise', () => {
      expect(paths(key, assessment({ mitigation: undefined }))).toEqual(['/mitigation']);
      const neutral = assessment().impacts.map((c) => ({ ...c, shortTerm: 'neutral', longTerm: 'positive' }));
      expect(paths(key, assessment({ mitigation: undefined, impacts: neutral }))).toEqual([]);
    });

    it('covers every alternative × group once in the impact matrix', () => {
      const impacts = assessment().impacts;
      expect(forms.problems(key, assessment({ impacts: impacts.slice(1) }))).toEqual([expect.objectContaining({ path: '/impacts', code: 'missing-impact' })]);
      expect(paths(key, assessment({ impacts: [...impacts, { ...impacts[0] }] }))).toEqual(['/impacts/4']);
      expect(paths(key, assessment({ impacts: [{ ...impacts[0], alternative: 'C' }, ...impacts.slice(1)] }))).toEqual(
        expect.arrayContaining(['/impacts/0/alternative']),
      );
      expect(paths(key, assessment({ impacts: [{ ...impacts[0], group: 'disabled' }, ...impacts.slice(1)] }))).toEqual(
        expect.arrayContaining(['/impacts/0/group']),
      );
      expect(paths(key, assessment({ impacts: [{ ...impacts[0], shortTerm: 'great' }, ...impacts.slice(1)] }))).toEqual(['/impacts/0/shortTerm']);
    });

    it('gives reasons when the proposal departs from the best alternative for children', () => {
      const departs = { bestAlternative: 'B', proposedAlternative: 'A', decisionSummary: 'Nykytila säilyy.' };
      expect(paths(key, assessment({ conclusion: departs }))).toEqual(['/conclusion/departureReasons']);
      expect(paths(key, assessment({ conclusion: { ...departs, departureReasons: 'Rahoitusta ei ole.' } }))).toEqual([]);
      expect(paths(key, assessment({ conclusion: { ...departs, bestAlternative: 'X' } }))).toEqual(expect.arrayContaining(['/conclusion/bestAlternative']));
      expect(paths(key, assessment({ alternatives: [...assessment().alternatives, { id: 'A', title: 'Kopio' }] }))).toEqual(
        expect.arrayContaining(['/alternatives/2/id']),
      );
    });

    it('needs follow-up indicators, an evaluation date and a sign-off', () => {
      expect(paths(key, assessment({ followUp: { indicators: [] }, signOff: { signedOn: '2026-03-03' } })).sort()).toEqual([
        '/followUp/evaluationDate',
        '/followUp/indicators',
        '/signOff/signedBy',
      ]);
    });
  });

  describe('council-decision', () => {
    const key = 'kaari:council-decision';

    it('accepts every outcome with what it needs', () => {
      for (const outcome of ['approved', 'tabled', 'rejected']) expect(paths(key, decision({ decisionOutcome: outcome }))).toEqual([]);
      expect(paths(key, decision({ decisionOutcome: 'amended', amendments: 'Lisättiin iltaverkosto.' }))).toEqual([]);
      expect(paths(key, decision({ decisionOutcome: 'returned', returnReasons: 'Järjestöjä on kuultava.' }))).toEqual([]);
    });

    it('needs the amendments of an amended decision, and the reasons of a return', () => {
      expect(paths(key, decision({ decisionOutcome: 'amended' }))).toEqual(['/amendments']);
      expect(paths(key, decision({ decisionOutcome: 'returned' }))).toEqual(['/returnReasons']);
      expect(paths(key, decision({ meetingDate: '10.4.2026', decisionText: '' })).sort()).toEqual(['/decisionText', '/meetingDate']);
      expect(paths(key, decision({ publishedAt: 'tomorrow' }))).toEqual(['/publishedAt']);
    });
  });

  it('enforcement needs what was done and when', () => {
    expect(paths('kaari:enforcement', ENFORCEMENT)).toEqual([]);
    expect(paths('kaari:enforcement', {}).sort()).toEqual(['/enforcedOn', '/measures']);
  });
});
