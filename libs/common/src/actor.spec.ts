import { actingFor, type Actor } from './actor.js';

describe('acting for whom', () => {
  const deputy: Actor = {
    userId: 'u1',
    username: 'irma.integraatio',
    roles: [],
    bodies: ['hyvinvoinnin-johtoryhma', 'integraatiojohtoryhma', 'kaupungin-johtoryhma'],
    ownBodies: ['integraatiojohtoryhma'],
    deputyFor: [
      { username: 'helena.hyvinvointi', bodies: ['hyvinvoinnin-johtoryhma'] },
      { username: 'olli.ohjaus', bodies: ['hyvinvoinnin-johtoryhma', 'kaupungin-johtoryhma'] },
    ],
  };

  it('names the members whose bodies the task belongs to', () => {
    expect(actingFor(deputy, ['hyvinvoinnin-johtoryhma'])).toEqual(['helena.hyvinvointi', 'olli.ohjaus']);
    expect(actingFor(deputy, ['kaupungin-johtoryhma'])).toEqual(['olli.ohjaus']);
  });

  it('names nobody when the actor belongs to one of the bodies, or deputises for none', () => {
    expect(actingFor(deputy, ['integraatiojohtoryhma', 'hyvinvoinnin-johtoryhma'])).toEqual([]);
    expect(actingFor({ userId: 'u2', username: 'x', roles: [], bodies: ['muutosryhma'] }, ['muutosryhma'])).toEqual([]);
  });
});
