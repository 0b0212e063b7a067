/**
 * Building blocks of Kaari's forms: JSON Schema (draft 2020-12) with labels for clients.
 * Every property has a `title` (English) and `x-labels` {fi, en, sv}; enumerations carry
 * `x-enumLabels` {value: {fi, en, sv}}; a rule's error text can be set with `x-message`.
 */
export interface Labels {
  fi: string;
  en: string;
  sv: string;
}

export type Schema = Record<string, unknown>;

export const labels = (fi: string, en: string, sv: string): Labels => ({ fi, en, sv });

export function field(l: Labels, schema: Schema): Schema {
  return { title: l.en, 'x-labels': l, ...schema };
}

export function text(l: Labels, options: { min?: number; max?: number; multiline?: boolean } & Schema = {}): Schema {
  const { min = 1, max = 2000, multiline, ...rest } = options;
  return field(l, { type: 'string', minLength: min, maxLength: max, ...(multiline ? { 'x-multiline': true } : {}), ...rest });
}

export const date = (l: Labels, extra: Schema = {}): Schema => field(l, { type: 'string', format: 'date', ...extra });
export const dateTime = (l: Labels, extra: Schema = {}): Schema => field(l, { type: 'string', format: 'date-time', ...extra });

export function choice(l: Labels, values: Record<string, Labels>, extra: Schema = {}): Schema {
  return field(l, { type: 'string', enum: Object.keys(values), 'x-enumLabels': values, ...extra });
}

export function choices(l: Labels, values: Record<string, Labels>, extra: Schema = {}): Schema {
  return field(l, { type: 'array', items: { type: 'string', enum: Object.keys(values) }, uniqueItems: true, 'x-enumLabels': values, ...extra });
}

export function object(l: Labels, properties: Record<string, Schema>, required: string[], extra: Schema = {}): Schema {
  return field(l, { type: 'object', properties, required, additionalProperties: false, ...extra });
}

export interface FormDefinition {
  key: string;
  title: Labels;
  description: Labels;
  schema: Schema;
  /**
   * The form records a decision of the task's body: only the members who take part in the
   * body's decisions complete it, and the task stays with the body (DecisionAuthority).
   */
  recordsDecisionOfBody?: boolean;
}

/** Marks a form as the record of its body's decision. */
export const decisionOfBody = (definition: FormDefinition): FormDefinition => ({ ...definition, recordsDecisionOfBody: true });

/** A whole form: an object schema whose top level also carries the form's labels. */
export function form(
  key: string,
  title: Labels,
  description: Labels,
  properties: Record<string, Schema>,
  required: string[],
  extra: Schema = {},
): FormDefinition {
  return {
    key,
    title,
    description,
    schema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `https://kaari.fi/forms/${key.replace(/^kaari:/, '')}`,
      title: title.en,
      'x-labels': title,
      description: description.en,
      type: 'object',
      properties,
      required,
      additionalProperties: false,
      ...extra,
    },
  };
}

export const AGE_GROUPS = {
  '0-6': labels('0–6-vuotiaat', '0–6 years', '0–6 år'),
  '7-12': labels('7–12-vuotiaat', '7–12 years', '7–12 år'),
  '13-17': labels('13–17-vuotiaat', '13–17 years', '13–17 år'),
  '18-29': labels('18–29-vuotiaat (nuoret)', '18–29 years (youth)', '18–29 år (unga)'),
};
export type AgeGroup = keyof typeof AGE_GROUPS;
export const AGE_GROUP_KEYS = Object.keys(AGE_GROUPS) as AgeGroup[];

export const PROVIDER_TYPES = {
  'city-sector': labels('Kaupungin toimiala', 'City sector', 'Stadens sektor'),
  'wellbeing-county': labels('Hyvinvointialue', 'Wellbeing services county', 'Välfärdsområde'),
  ngo: labels('Järjestö', 'NGO', 'Organisation'),
  parish: labels('Seurakunta', 'Parish', 'Församling'),
  private: labels('Yksityinen', 'Private', 'Privat'),
};
export type ProviderType = keyof typeof PROVIDER_TYPES;

export const SECTORS = {
  'early-childhood-education': labels('Varhaiskasvatus', 'Early childhood education', 'Småbarnspedagogik'),
  education: labels('Perusopetus ja koulutus', 'Education', 'Utbildning'),
  youth: labels('Nuorisopalvelut', 'Youth services', 'Ungdomstjänster'),
  sports: labels('Liikunta', 'Sports', 'Idrott'),
  culture: labels('Kulttuuri', 'Culture', 'Kultur'),
  'urban-environment': labels('Kaupunkiympäristö', 'Urban environment', 'Stadsmiljö'),
  vitality: labels('Elinvoima', 'Vitality (business and employment)', 'Livskraft'),
  'social-welfare': labels('Sosiaalipalvelut', 'Social services', 'Socialtjänster'),
  'health-care': labels('Terveyspalvelut', 'Health services', 'Hälsotjänster'),
  'child-welfare': labels('Lastensuojelu', 'Child welfare', 'Barnskydd'),
  other: labels('Muu', 'Other', 'Annat'),
};

export const TARGETING = {
  'age-targeted': labels('Ikäryhmille kohdennettu', 'Age-targeted', 'Åldersinriktad'),
  'family-targeted': labels('Perheille kohdennettu', 'Family-targeted', 'Familjeinriktad'),
  universal: labels('Kaikille kuntalaisille (väestöosuus)', 'Universal (population share)', 'Universell (befolkningsandel)'),
  excluded: labels('Välillinen, ei lasketa', 'Indirect, excluded', 'Indirekt, räknas inte'),
};
export type Targeting = keyof typeof TARGETING;

export const CHILD_GROUPS = {
  'all-children': labels('Kaikki lapset ja nuoret', 'All children and young people', 'Alla barn och unga'),
  'day-care': labels('Varhaiskasvatuksessa olevat lapset', 'Children in early childhood education', 'Barn i småbarnspedagogik'),
  school: labels('Koululaiset', 'Pupils', 'Skolelever'),
  disabled: labels('Vammaiset lapset', 'Disabled children', 'Barn med funktionsnedsättning'),
  'child-welfare': labels('Lastensuojelun asiakkaat', 'Children in child welfare', 'Barn inom barnskyddet'),
  'low-income': labels('Pienituloisten perheiden lapset', 'Children of low-income families', 'Barn i låginkomstfamiljer'),
  'language-minorities': labels('Kieli- ja kulttuurivähemmistöjen lapset', 'Children of language minorities', 'Barn i språkliga minoriteter'),
  district: labels('Tietyn alueen lapset', 'Children of a district', 'Barn i ett område'),
  youth: labels('Nuoret (18–29)', 'Young people (18–29)', 'Unga (18–29)'),
  other: labels('Muu ryhmä', 'Another group', 'Annan grupp'),
};

export const IMPACTS = {
  positive: labels('Myönteinen', 'Positive', 'Positiv'),
  negative: labels('Kielteinen', 'Negative', 'Negativ'),
  neutral: labels('Neutraali', 'Neutral', 'Neutral'),
  unknown: labels('Ei tiedossa', 'Unknown', 'Okänd'),
};

/** The UN Convention on the Rights of the Child: the articles an assessment most often engages. */
export const CRC_ARTICLES: Record<string, Labels> = {
  '2': labels('2 Syrjintäkielto', '2 Non-discrimination', '2 Icke-diskriminering'),
  '3': labels('3 Lapsen etu', '3 Best interests of the child', '3 Barnets bästa'),
  '6': labels('6 Oikeus elämään ja kehittymiseen', '6 Life, survival and development', '6 Liv, överlevnad och utveckling'),
  '12': labels('12 Lapsen näkemysten huomioiminen', '12 Respect for the views of the child', '12 Rätt att uttrycka sina åsikter'),
  '13': labels('13 Sananvapaus', '13 Freedom of expression', '13 Yttrandefrihet'),
  '15': labels('15 Yhdistymis- ja kokoontumisvapaus', '15 Freedom of association', '15 Förenings- och mötesfrihet'),
  '17': labels('17 Tiedonsaanti', '17 Access to information', '17 Tillgång till information'),
  '18': labels('18 Vanhempien vastuu', '18 Parental responsibilities', '18 Föräldrarnas ansvar'),
  '19': labels('19 Suojelu väkivallalta', '19 Protection from violence', '19 Skydd mot våld'),
  '23': labels('23 Vammaiset lapset', '23 Children with disabilities', '23 Barn med funktionsnedsättning'),
  '24': labels('24 Terveys ja terveyspalvelut', '24 Health and health services', '24 Hälsa och hälsovård'),
  '26': labels('26 Sosiaaliturva', '26 Social security', '26 Social trygghet'),
  '27': labels('27 Riittävä elintaso', '27 Adequate standard of living', '27 Skälig levnadsstandard'),
  '28': labels('28 Oikeus koulutukseen', '28 Right to education', '28 Rätt till utbildning'),
  '29': labels('29 Koulutuksen tavoitteet', '29 Goals of education', '29 Utbildningens syften'),
  '30': labels('30 Vähemmistöjen lapset', '30 Children of minorities', '30 Barn i minoriteter'),
  '31': labels('31 Lepo, vapaa-aika, leikki ja kulttuuri', '31 Leisure, play and culture', '31 Vila, fritid, lek och kultur'),
};
/** Always engaged, whatever the matter: the four general principles of the convention. */
export const GENERAL_PRINCIPLES = [2, 3, 6, 12];

export const SIGN_OFF = object(
  labels('Hyväksyntä', 'Sign-off', 'Godkännande'),
  {
    signedBy: text(labels('Hyväksyjä', 'Signed off by', 'Godkänd av'), { max: 200 }),
    role: text(labels('Tehtävä', 'Role', 'Uppdrag'), { max: 200 }),
    signedOn: date(labels('Päivämäärä', 'Date', 'Datum')),
  },
  ['signedBy', 'signedOn'],
);

export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$';
