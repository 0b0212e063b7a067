import { defaultsOf, fieldErrors } from './form-values';

describe('fieldErrors', () => {
  it('keys server errors by field path whatever pointer style the server uses', () => {
    const errors = fieldErrors([
      { path: '/meeting/date', code: 'format', message: 'must match format "date"' },
      { path: 'data.alternatives[1].title', code: 'minLength', message: 'too short' },
      { path: '/reviewOutcome', code: 'required', message: 'is required' },
      { path: '/', code: 'required', message: "must have required property 'title'" },
    ]);
    expect(errors).toEqual({
      'meeting.date': 'must match format "date"',
      'alternatives.1.title': 'too short',
      reviewOutcome: 'is required',
      title: "must have required property 'title'",
    });
  });

  it('says known problems in the user’s language and joins several on one field', () => {
    const errors = fieldErrors(
      [
        { path: '/title', code: 'required', message: 'is required' },
        { path: '/title', code: 'pattern', message: 'a diary number such as 4703-2023' },
      ],
      (code) => (code === 'required' ? 'Pakollinen tieto.' : null),
    );
    expect(errors).toEqual({ title: 'Pakollinen tieto.; a diary number such as 4703-2023' });
  });
});

describe('defaultsOf', () => {
  it('collects defaults, nested objects included, and leaves other fields empty', () => {
    expect(
      defaultsOf({
        type: 'object',
        properties: {
          classification: { type: 'string', default: '00 01 05' },
          title: { type: 'string' },
          meeting: { type: ['object', 'null'], properties: { body: { type: 'string', default: 'kaupunginhallitus' }, date: { type: 'string' } } },
          empty: { type: 'object', properties: { a: { type: 'string' } } },
          articles: { type: 'array', items: { type: 'integer' }, allOf: [{ contains: { const: 2 } }, { contains: { const: 3 } }] },
          heard: { type: 'boolean' },
          optional: { type: 'boolean' },
        },
        required: ['heard'],
      }),
    ).toEqual({ classification: '00 01 05', meeting: { body: 'kaupunginhallitus' }, articles: [2, 3], heard: false });
  });
});
