import { passwordWeakness } from './user.service.js';

describe('password policy', () => {
  it.each([
    ['kalle.kartoitus2026', 'kalle.kartoitus', /username/],
    ['zzzzzzzzzzzz', 'someone', /different characters/],
    ['1234567890', 'someone', /common/],
    ['abcdefghijk', 'someone', /run/],
    ['9876543210', 'someone', /run/],
    ['Salasana2026!', 'someone', /common/],
    ['Turku123456', 'someone', /common/],
    ['31415926535', 'someone', /common/],
  ])('refuses %s', (password, username, why) => {
    expect(passwordWeakness(password, username)).toMatch(why);
  });

  it.each(['Lasten-Hyvinvointi-2026', 'kaari-demo-2026', 'correct horse battery staple'])('accepts %s', (password) => {
    expect(passwordWeakness(password, 'maija.muutos')).toBeNull();
  });
});
