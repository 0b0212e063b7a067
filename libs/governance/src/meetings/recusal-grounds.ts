/**
 * The grounds of disqualification (esteellisyysperusteet) a member may declare for an item: the
 * Administrative Procedure Act (434/2003) 28 § 1 subsection, points 1–7, and the Local Government
 * Act (410/2015) 97 § rule for municipal employees who prepared the matter. A closed list: a
 * recusal without one of these codes is refused, so the minutes always name the legal ground.
 */
export const RECUSAL_GROUNDS = [
  {
    code: 'apa-28-1-party',
    provision: 'HL 28 § 1 mom. 1 k.',
    fi: 'Osallisuusjäävi: hän tai hänen läheisensä on asianosainen',
    sv: 'Jäv på grund av partsställning: personen eller en närstående är part',
    en: 'Party: the member or a close relative is a party to the matter',
  },
  {
    code: 'apa-28-2-representative',
    provision: 'HL 28 § 1 mom. 2 k.',
    fi: 'Edustajanjäävi: hän tai hänen läheisensä avustaa tai edustaa asianosaista tai sitä, jolle asiasta koituu erityistä hyötyä tai vahinkoa',
    sv: 'Ombudsjäv: personen eller en närstående biträder eller företräder en part eller den som kan väntas få särskild nytta eller skada',
    en: 'Representative: the member or a close relative assists or represents a party, or someone the decision particularly benefits or harms',
  },
  {
    code: 'apa-28-3-interest',
    provision: 'HL 28 § 1 mom. 3 k.',
    fi: 'Intressijäävi: asian ratkaisusta on odotettavissa erityistä hyötyä tai vahinkoa hänelle tai hänen läheiselleen',
    sv: 'Intressejäv: avgörandet kan väntas medföra särskild nytta eller skada för personen eller en närstående',
    en: 'Interest: the decision can be expected to bring the member or a close relative particular benefit or harm',
  },
  {
    code: 'apa-28-4-employment',
    provision: 'HL 28 § 1 mom. 4 k.',
    fi: 'Palvelussuhdejäävi: palvelus- tai toimeksiantosuhde asianosaiseen tai siihen, jolle asiasta koituu erityistä hyötyä tai vahinkoa',
    sv: 'Anställningsjäv: anställnings- eller uppdragsförhållande till en part eller den som kan väntas få särskild nytta eller skada',
    en: 'Employment: an employment or engagement relationship with a party, or with someone the decision particularly benefits or harms',
  },
  {
    code: 'apa-28-5-organisation',
    provision: 'HL 28 § 1 mom. 5 k.',
    fi: 'Yhteisöjäävi: hän tai hänen läheisensä on hallituksen tai vastaavan toimielimen jäsen tai toimitusjohtaja yhteisössä, joka on asianosainen tai jolle asiasta koituu erityistä hyötyä tai vahinkoa',
    sv: 'Samfundsjäv: personen eller en närstående sitter i styrelsen för eller är verkställande direktör i ett samfund som är part eller kan väntas få särskild nytta eller skada',
    en: 'Organisation: the member or a close relative sits on the board of, or manages, an organisation that is a party or that the decision particularly benefits or harms',
  },
  {
    code: 'apa-28-6-supervision',
    provision: 'HL 28 § 1 mom. 6 k.',
    fi: 'Valvontajäävi: ohjaus- tai valvonta-asia, joka koskee yhteisöä tai laitosta, jonka toimielimessä tai palveluksessa hän on',
    sv: 'Tillsynsjäv: ett styrnings- eller tillsynsärende som gäller ett samfund eller en inrättning där personen sitter i ett organ eller är anställd',
    en: 'Supervision: a matter of steering or supervising an organisation whose body the member sits on or whose staff the member belongs to',
  },
  {
    code: 'apa-28-7-general',
    provision: 'HL 28 § 1 mom. 7 k.',
    fi: 'Yleisjäävi: luottamus hänen puolueettomuuteensa vaarantuu muusta erityisestä syystä',
    sv: 'Allmänt jäv: förtroendet för personens opartiskhet äventyras av något annat särskilt skäl',
    en: 'General: confidence in the member’s impartiality is endangered for another particular reason',
  },
  {
    code: 'lga-97-preparer',
    provision: 'KuntaL 97 §',
    fi: 'Toimielinjäävi: kunnan palveluksessa oleva on esitellyt tai valmistellut asian toisessa toimielimessä tai virassaan',
    sv: 'Organjäv: en kommunalt anställd har föredragit eller berett ärendet i ett annat organ eller i sin tjänst',
    en: 'Body: a municipal employee presented or prepared the matter in another body or in their office',
  },
] as const;

export type RecusalGround = (typeof RECUSAL_GROUNDS)[number]['code'];

const CODES: ReadonlySet<string> = new Set(RECUSAL_GROUNDS.map((g) => g.code));

export const isRecusalGround = (code: unknown): code is RecusalGround => typeof code === 'string' && CODES.has(code);

export const recusalGround = (code: RecusalGround) => RECUSAL_GROUNDS.find((g) => g.code === code)!;
