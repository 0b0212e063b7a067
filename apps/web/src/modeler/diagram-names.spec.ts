import { translatedName, type DiagramNames } from './translations';

const names: DiagramNames = [
  { id: 'decision', name: 'Kaupunginhallituksen päätös', sv: 'Stadsstyrelsens beslut', en: 'Decision of the city board' },
  { id: 'mapping', name: 'Kartoitus', sv: null, en: 'Mapping' },
];

describe('translatedName', () => {
  it('gives the Swedish or English name where the diagram has one, and the Finnish one in Finnish', () => {
    expect(translatedName(names, 'decision', 'Kaupunginhallituksen päätös', 'sv')).toBe('Stadsstyrelsens beslut');
    expect(translatedName(names, 'decision', 'Kaupunginhallituksen päätös', 'en')).toBe('Decision of the city board');
    expect(translatedName(names, 'decision', 'Kaupunginhallituksen päätös', 'fi')).toBe('Kaupunginhallituksen päätös');
  });

  it('falls back to the diagram’s own name without a translation, for an unknown element, or for a name renamed since', () => {
    expect(translatedName(names, 'mapping', 'Kartoitus', 'sv')).toBe('Kartoitus');
    expect(translatedName(names, 'other', 'Muu', 'sv')).toBe('Muu');
    expect(translatedName(names, 'decision', 'Vanha nimi', 'en')).toBe('Vanha nimi');
    expect(translatedName(undefined, 'decision', 'Kaupunginhallituksen päätös', 'sv')).toBe('Kaupunginhallituksen päätös');
  });
});
