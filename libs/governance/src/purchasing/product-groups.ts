import { labels, type Labels } from '../forms/form-labels.js';

/**
 * What a product group's work is for, so the shift the Tampere model asked for — "from corrective
 * work towards early intervention and support and preventive work" — can be measured.
 */
export const ORIENTATIONS = {
  preventive: labels('Ennaltaehkäisevä', 'Preventive', 'Förebyggande'),
  'early-support': labels('Varhainen tuki', 'Early support', 'Tidigt stöd'),
  corrective: labels('Korjaava', 'Corrective', 'Korrigerande'),
};
export type Orientation = keyof typeof ORIENTATIONS;
export const ORIENTATION_KEYS = Object.keys(ORIENTATIONS) as Orientation[];

/** The service packages (palvelukokonaisuudet) of the core process "supporting the growth of children and youth". */
export const SERVICE_PACKAGES = {
  'day-care': labels('Päivähoito', 'Day care', 'Dagvård'),
  'basic-education': labels('Perusopetus', 'Basic education', 'Grundläggande utbildning'),
  'psychosocial-support': labels('Psykososiaalisen tuen palvelut', 'Psychosocial support', 'Psykosocialt stöd'),
  'clinics-and-health-care': labels('Neuvola- ja terveydenhuoltopalvelut', 'Clinics and health care', 'Rådgivning och hälsovård'),
  leisure: labels('Vapaa-ajan palvelut', 'Leisure services', 'Fritidstjänster'),
};
export type ServicePackage = keyof typeof SERVICE_PACKAGES;

export interface ProductGroup {
  package: ServicePackage;
  name: Labels;
  /** The orientation the board starts from; its service definition sets the one that counts. */
  orientation: Orientation;
}

/** The product groups (tuoteryhmät) of each service package, as the 2007 model listed them. */
export const PRODUCT_GROUPS: Record<string, ProductGroup> = {
  'day-care-centres': { package: 'day-care', name: labels('Päiväkotihoito', 'Day-care centres', 'Daghemsvård'), orientation: 'preventive' },
  'family-day-care': { package: 'day-care', name: labels('Perhepäivähoito', 'Family day care', 'Familjedagvård'), orientation: 'preventive' },
  'play-activities': { package: 'day-care', name: labels('Leikkitoiminta', 'Play activities', 'Lekverksamhet'), orientation: 'preventive' },
  'pre-school': { package: 'day-care', name: labels('Esiopetus', 'Pre-school education', 'Förskoleundervisning'), orientation: 'preventive' },
  'home-care-allowance': { package: 'day-care', name: labels('Kotihoidon tuki', 'Home-care allowance', 'Stöd för hemvård'), orientation: 'preventive' },
  'private-care-allowance': {
    package: 'day-care',
    name: labels('Yksityisen hoidon tuki', 'Private day-care allowance', 'Stöd för privat vård'),
    orientation: 'preventive',
  },
  'grades-1-6': {
    package: 'basic-education',
    name: labels('Perusopetus 1–6', 'Basic education, grades 1–6', 'Grundläggande utbildning 1–6'),
    orientation: 'preventive',
  },
  'grades-7-10': {
    package: 'basic-education',
    name: labels('Perusopetus 7–10', 'Basic education, grades 7–10', 'Grundläggande utbildning 7–10'),
    orientation: 'preventive',
  },
  'grades-1-9': {
    package: 'basic-education',
    name: labels('Yhtenäinen perusopetus 1–9', 'Unified basic education, grades 1–9', 'Enhetlig grundläggande utbildning 1–9'),
    orientation: 'preventive',
  },
  'special-education': {
    package: 'basic-education',
    name: labels('Keskitetty erityisopetus', 'Centralised special education', 'Centraliserad specialundervisning'),
    orientation: 'early-support',
  },
  'hospital-teaching': { package: 'basic-education', name: labels('Sairaalaopetus', 'Hospital teaching', 'Sjukhusundervisning'), orientation: 'corrective' },
  'preparatory-teaching': {
    package: 'basic-education',
    name: labels('Maahanmuuttajien valmistava opetus', 'Preparatory teaching for immigrants', 'Förberedande undervisning för invandrare'),
    orientation: 'early-support',
  },
  'morning-afternoon-activities': {
    package: 'basic-education',
    name: labels('Koululaisten aamu- ja iltapäivätoiminta', "Pupils' morning and afternoon activities", 'Morgon- och eftermiddagsverksamhet för skolelever'),
    orientation: 'preventive',
  },
  'social-emergency': {
    package: 'psychosocial-support',
    name: labels('Sosiaalipäivystys', 'Social emergency service', 'Socialjour'),
    orientation: 'corrective',
  },
  'child-welfare-open-care': {
    package: 'psychosocial-support',
    name: labels('Lastensuojelun avopalvelut', 'Child welfare open care', 'Öppenvård inom barnskyddet'),
    orientation: 'early-support',
  },
  'child-welfare-care': {
    package: 'psychosocial-support',
    name: labels('Lastensuojelun kuntoutus ja hoito', 'Child welfare rehabilitation and care', 'Rehabilitering och vård inom barnskyddet'),
    orientation: 'corrective',
  },
  'family-services': {
    package: 'psychosocial-support',
    name: labels('Perheasiain palvelut', 'Family services', 'Familjeärenden'),
    orientation: 'early-support',
  },
  'family-counselling': {
    package: 'psychosocial-support',
    name: labels('Perheneuvonta ja perheasioiden sovittelu', 'Family counselling and mediation', 'Familjerådgivning och familjemedling'),
    orientation: 'early-support',
  },
  'maternity-child-clinics': {
    package: 'clinics-and-health-care',
    name: labels('Äitiys- ja lastenneuvolapalvelut', 'Maternity and child clinics', 'Mödra- och barnrådgivning'),
    orientation: 'preventive',
  },
  'school-health-care': {
    package: 'clinics-and-health-care',
    name: labels('Kouluterveydenhuolto', 'School health care', 'Skolhälsovård'),
    orientation: 'preventive',
  },
  'student-health-care': {
    package: 'clinics-and-health-care',
    name: labels('Opiskeluterveydenhuolto', 'Student health care', 'Studerandehälsovård'),
    orientation: 'preventive',
  },
  'dental-care': { package: 'clinics-and-health-care', name: labels('Suun terveydenhuolto', 'Dental care', 'Munhälsovård'), orientation: 'preventive' },
  'youth-services': { package: 'leisure', name: labels('Nuorisopalvelut', 'Youth services', 'Ungdomstjänster'), orientation: 'preventive' },
  'culture-services': { package: 'leisure', name: labels('Kulttuuripalvelut', 'Culture services', 'Kulturtjänster'), orientation: 'preventive' },
  libraries: { package: 'leisure', name: labels('Kirjastopalvelut', 'Library services', 'Bibliotekstjänster'), orientation: 'preventive' },
  sports: { package: 'leisure', name: labels('Liikuntapalvelut', 'Sports services', 'Idrottstjänster'), orientation: 'preventive' },
};
export const PRODUCT_GROUP_KEYS = Object.keys(PRODUCT_GROUPS);

/** The product groups as choices of a form: "Päivähoito: Päiväkotihoito". */
export const PRODUCT_GROUP_CHOICES: Record<string, Labels> = Object.fromEntries(
  Object.entries(PRODUCT_GROUPS).map(([key, g]) => {
    const p = SERVICE_PACKAGES[g.package];
    return [key, labels(`${p.fi}: ${g.name.fi}`, `${p.en}: ${g.name.en}`, `${p.sv}: ${g.name.sv}`)];
  }),
);

/**
 * The providers the purchaser orders from, each a body of the organisation (the provider's
 * tasks are its body's): the city's own production units, the wellbeing services county, NGOs
 * and companies. Their codes are in the Tampere seed.
 */
export const PROVIDERS = {
  'kaupungin-palvelutuotanto': labels('Kaupungin oma palvelutuotanto', "The city's own production units", 'Stadens egen serviceproduktion'),
  'pirkanmaan-hyvinvointialue': labels('Pirkanmaan hyvinvointialue', 'Pirkanmaa wellbeing services county', 'Birkalands välfärdsområde'),
  jarjestotuottajat: labels('Järjestöt palveluntuottajina', 'NGO providers', 'Organisationer som producenter'),
  yritystuottajat: labels('Yritykset palveluntuottajina', 'Company providers', 'Företag som producenter'),
};
export type Provider = keyof typeof PROVIDERS;
export const PROVIDER_KEYS = Object.keys(PROVIDERS) as Provider[];
