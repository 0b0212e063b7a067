import { SERVICE_MAPPING, STEERING_REVIEW, COUNCIL_DECISION } from '../../../../libs/governance/src/forms/case-forms';
import { CHILD_IMPACT_ASSESSMENT, CHILD_IMPACT_SCREENING } from '../../../../libs/governance/src/forms/child-impact-forms';
import { errorsAfterEdit } from './form-values';
import { matches, nextLetterId, reasonAt, requirements, withoutEmptyGroups, type JsonSchema } from './json-schema';

// The forms as the server sends them (GET /api/forms/:key gives these schemas).
const mapping = SERVICE_MAPPING.schema as JsonSchema;
const row = mapping.properties!.services.items!;
const review = STEERING_REVIEW.schema as JsonSchema;
const decision = COUNCIL_DECISION.schema as JsonSchema;
const screening = CHILD_IMPACT_SCREENING.schema as JsonSchema;
const assessment = CHILD_IMPACT_ASSESSMENT.schema as JsonSchema;

const marked = (schema: JsonSchema, value: unknown) =>
  [...requirements(schema, value)]
    .filter(([, r]) => r.required)
    .map(([k]) => k)
    .sort();

describe('form markers: a field is marked exactly when the schema requires it now', () => {
  it('asks an age-targeted service for its target age groups, and a family-targeted or universal one not', () => {
    expect(marked(row, { targeting: 'age-targeted' })).toContain('ageGroups');
    expect(marked(row, { targeting: 'family-targeted' })).not.toContain('ageGroups');
    expect(marked(row, { targeting: 'universal' })).not.toContain('ageGroups');
    expect(marked(row, {})).not.toContain('ageGroups');
    expect(marked(row, {})).toEqual(['euros', 'providerName', 'providerType', 'sector', 'service', 'targeting']);
    expect(reasonAt(mapping, { services: [{ targeting: 'age-targeted' }] }, 'services.0.ageGroups')?.en).toMatch(/at least one target age group/);
  });

  it('marks the reasons of a return and the conditions of a conditional approval only for those outcomes', () => {
    expect(marked(review, {})).toEqual(['meeting', 'reviewOutcome']);
    expect(marked(review, { reviewOutcome: 'returned' })).toEqual(['meeting', 'returnReasons', 'reviewOutcome']);
    expect(marked(review, { reviewOutcome: 'approved-with-conditions' })).toEqual(['conditions', 'meeting', 'reviewOutcome']);
    expect(reasonAt(review, { reviewOutcome: 'approved-with-conditions' }, 'conditions')?.fi).toMatch(/ehto/);
    expect(marked(decision, { decisionOutcome: 'amended' })).toContain('amendments');
    expect(marked(decision, { decisionOutcome: 'approved' })).not.toContain('amendments');
  });

  it('says a negative impact needs a mitigation, in every language', () => {
    const negative = { impacts: [{ alternative: 'A', group: 'school', shortTerm: 'neutral', longTerm: 'negative' }] };
    expect(marked(assessment, negative)).toContain('mitigation');
    expect(marked(assessment, { impacts: [{ shortTerm: 'positive', longTerm: 'neutral' }] })).not.toContain('mitigation');
    expect(reasonAt(assessment, negative, 'mitigation')).toEqual({
      fi: expect.stringMatching(/Kielteinen vaikutus/),
      en: 'A negative impact needs a mitigation.',
      sv: expect.stringMatching(/negativ konsekvens/),
    });
    expect(reasonAt(assessment, { alternatives: [{ title: 'x' }] }, 'alternatives.0.noChange')?.en).toMatch(/no change/);
    // A field the form always requires has no reason of its own: the plain "required" says it.
    expect(reasonAt(assessment, negative, 'preparer')).toBeUndefined();
  });

  it('follows else as well as then: how children were heard, or why not', () => {
    const hearing = assessment.properties!.hearing;
    expect(marked(hearing, { heard: true })).toEqual(['changes', 'heard', 'heardOn', 'method', 'participants', 'views']);
    expect(marked(hearing, { heard: false })).toEqual(['heard', 'reasonNotHeard']);
  });

  it('asks a screening for its groups only when children may be affected', () => {
    expect(marked(screening, { childrenAffected: 'no' })).toEqual(['childrenAffected', 'justification', 'signOff']);
    expect(marked(screening, { childrenAffected: 'uncertain' })).toEqual([
      'affectedGroups',
      'ageGroups',
      'childrenAffected',
      'justification',
      'scope',
      'signOff',
    ]);
  });

  it('marks the reasons for departing from the best alternative only when the proposal departs', () => {
    const conclusion = assessment.properties!.conclusion;
    expect(marked(conclusion, { bestAlternative: 'A', proposedAlternative: 'A' })).not.toContain('departureReasons');
    expect(marked(conclusion, { bestAlternative: 'A', proposedAlternative: 'B' })).toContain('departureReasons');
  });

  it('leaves out an optional vote nobody entered, so its fields are asked for only once it is begun', () => {
    expect(withoutEmptyGroups(decision, { decisionOutcome: 'approved', vote: {} })).toEqual({ decisionOutcome: 'approved' });
    expect(withoutEmptyGroups(decision, { decisionOutcome: 'approved', vote: { for: undefined } })).toEqual({ decisionOutcome: 'approved' });
    expect(withoutEmptyGroups(decision, { vote: { abstained: 2 } })).toEqual({ vote: { abstained: 2 } });
    // A required group stays, empty, so the server names what it lacks.
    expect(withoutEmptyGroups(review, { meeting: {} })).toEqual({ meeting: {} });
    expect(reasonAt(decision, { vote: { abstained: 2 } }, 'vote.for')?.en).toMatch(/votes for/);
  });
});

describe('matches', () => {
  it('reads the conditions the forms use', () => {
    expect(matches({ properties: { a: { const: 'x' } }, required: ['a'] }, { a: 'x' })).toBe(true);
    expect(matches({ properties: { a: { const: 'x' } }, required: ['a'] }, {})).toBe(false);
    expect(matches({ properties: { a: { enum: ['x', 'y'] } } }, { a: 'z' })).toBe(false);
    expect(matches({ type: 'array', contains: { const: 3 } }, [1, 3])).toBe(true);
    expect(matches({ type: 'array', contains: { const: 3 } }, [1])).toBe(false);
  });
});

describe('errors after an edit', () => {
  it('drops the error of a field the user changed: a row added to a list with too few rows', () => {
    const errors = { impacts: 'Liian vähän valintoja tai rivejä.', preparer: 'Pakollinen tieto.' };
    const before = { impacts: [] };
    expect(errorsAfterEdit(errors, before, { impacts: [{}] })).toEqual({ preparer: 'Pakollinen tieto.' });
    expect(errorsAfterEdit(errors, before, { ...before, notes: 'x' })).toEqual(errors);
    // Editing a row's cell does not add the row the list lacks.
    expect(errorsAfterEdit(errors, { impacts: [{}] }, { impacts: [{ group: 'school' }] })).toEqual(errors);
    expect(errorsAfterEdit(errors, { preparer: undefined }, { preparer: 'Outi' })).toEqual({ impacts: errors.impacts });
  });
});

describe('nextLetterId', () => {
  it('names new alternatives A, B, … skipping the ids in use', () => {
    expect(nextLetterId([])).toBe('A');
    expect(nextLetterId(['A', 'C'])).toBe('B');
    expect(nextLetterId(Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i)))).toBe('A2');
  });
});
