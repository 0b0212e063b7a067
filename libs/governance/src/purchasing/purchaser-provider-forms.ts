import { choice, date, decisionOfBody, field, form, labels, object, text, type FormDefinition, type Labels, type Schema } from '../forms/form-labels.js';
import { ORIENTATIONS, PRODUCT_GROUP_CHOICES } from './product-groups.js';

export const CYCLE_START_FORM = 'kaari:purchasing-cycle-start';
export const SERVICE_DEFINITION_FORM = 'kaari:service-definition';
export const SERVICE_ORDER_FORM = 'kaari:service-order';
export const ORDER_RESPONSE_FORM = 'kaari:service-order-response';
export const AGREEMENT_APPROVAL_FORM = 'kaari:service-agreement-approval';
export const QUARTERLY_REPORT_FORM = 'kaari:quarterly-report';
export const PRODUCTION_EVALUATION_FORM = 'kaari:production-evaluation';

const year = (l: Labels) => field(l, { type: 'integer', minimum: 2000, maximum: 2100 });
const amount = (l: Labels, extra: Schema = {}) => field(l, { type: 'number', minimum: 0, maximum: 1e11, ...extra });
const productGroup = choice(labels('Tuoteryhmä', 'Product group', 'Produktgrupp'), PRODUCT_GROUP_CHOICES);
const rows = (l: Labels, item: Schema, extra: Schema = {}) => field(l, { type: 'array', items: item, minItems: 1, maxItems: 200, ...extra });

export const CYCLE_START = form(
  CYCLE_START_FORM,
  labels('Tilaamisen vuosikierroksen käynnistäminen', 'Starting the annual purchasing cycle', 'Start av den årliga beställningscykeln'),
  labels(
    'Tilaajapäällikkö käynnistää tilaajalautakunnan vuosikierroksen: palveluiden määrittely, tilaukset tuottajille, palvelusopimukset, neljännesvuosiraportit ja arviointi. Asia saa diaarinumeron.',
    "The purchasing manager starts the purchaser board's annual cycle: defining the services, orders to the providers, service agreements, quarterly reports and the evaluation. The case gets a diary number.",
    'Beställarchefen startar beställarnämndens årscykel: definition av tjänsterna, beställningar till producenterna, serviceavtal, kvartalsrapporter och utvärdering. Ärendet får ett diarienummer.',
  ),
  {
    title: text(labels('Asian otsikko', 'Title of the matter', 'Ärendets rubrik'), { min: 3, max: 300 }),
    classification: text(labels('Tehtäväluokka', 'Task classification', 'Uppgiftsklass'), {
      max: 11,
      pattern: '^\\d{2}( \\d{2}){1,3}$',
      default: '02 05 00',
      'x-message': 'a task classification code such as 02 05 00',
    }),
    preparer: text(labels('Valmistelija', 'Preparer', 'Beredare'), { max: 200 }),
  },
  ['title'],
);

const DEFINED_SERVICE = object(
  labels('Tilattava palvelu', 'Service to order', 'Tjänst som beställs'),
  {
    productGroup,
    orientation: choice(labels('Painopiste', 'Orientation', 'Inriktning'), ORIENTATIONS),
    unit: text(labels('Suoritteen yksikkö', 'Unit of output', 'Prestationsenhet'), { max: 100 }),
    plannedVolume: amount(labels('Suunniteltu määrä', 'Planned volume', 'Planerad volym')),
    budgetEuros: amount(labels('Määräraha (€)', 'Budget (€)', 'Anslag (€)')),
    goal: text(labels('Tavoite', 'Goal', 'Mål'), { max: 1000 }),
  },
  ['productGroup', 'orientation', 'unit', 'budgetEuros'],
);

export const SERVICE_DEFINITION = decisionOfBody(
  form(
    SERVICE_DEFINITION_FORM,
    labels('Tarjottavien palveluiden määrittely', 'Defining the services to offer', 'Definition av tjänsterna som erbjuds'),
    labels(
      'Tilaajalautakunta määrittelee, mitä palveluita se tilaa tulevalle vuodelle: tuoteryhmät palvelukokonaisuuksittain, kunkin painopiste (ennaltaehkäisevä, varhainen tuki tai korjaava), suoritteen yksikkö ja määräraha. Edellisen vuoden arviointi otetaan huomioon.',
      'The purchaser board defines which services it orders for the coming year: product groups by service package, each with its orientation (preventive, early support or corrective), unit of output and budget. The previous year’s evaluation is taken into account.',
      'Beställarnämnden definierar vilka tjänster den beställer för det kommande året: produktgrupper per servicehelhet, var och en med sin inriktning (förebyggande, tidigt stöd eller korrigerande), prestationsenhet och anslag. Föregående års utvärdering beaktas.',
    ),
    {
      year: year(labels('Sopimusvuosi', 'Agreement year', 'Avtalsår')),
      services: rows(labels('Tilattavat palvelut', 'Services to order', 'Tjänster som beställs'), DEFINED_SERVICE),
      strategicGoals: text(labels('Strategiset tavoitteet', 'Strategic goals', 'Strategiska mål'), { max: 5000, multiline: true }),
      basedOnEvaluation: text(
        labels(
          'Miten edellisen vuoden arviointi otettiin huomioon',
          'How the previous year’s evaluation was taken into account',
          'Hur föregående års utvärdering beaktades',
        ),
        {
          max: 5000,
          multiline: true,
        },
      ),
    },
    ['year', 'services'],
  ),
);

const QUALITY_TARGET = object(
  labels('Laatutavoite', 'Quality target', 'Kvalitetsmål'),
  {
    indicator: text(labels('Mittari', 'Indicator', 'Indikator'), { max: 300 }),
    target: field(labels('Tavoitearvo', 'Target value', 'Målvärde'), { type: 'number', minimum: -1e9, maximum: 1e9 }),
    higherIsBetter: field(labels('Suurempi arvo on parempi', 'A higher value is better', 'Ett högre värde är bättre'), { type: 'boolean', default: true }),
  },
  ['indicator', 'target'],
);

const ORDER_LINE = object(
  labels('Tilausrivi', 'Order line', 'Beställningsrad'),
  {
    productGroup,
    unit: text(labels('Suoritteen yksikkö', 'Unit of output', 'Prestationsenhet'), { max: 100 }),
    volume: amount(labels('Tilattu määrä', 'Volume ordered', 'Beställd volym')),
    unitPrice: amount(labels('Yksikköhinta (€)', 'Price per unit (€)', 'Styckpris (€)')),
    qualityTargets: field(labels('Laatutavoitteet', 'Quality targets', 'Kvalitetsmål'), { type: 'array', items: QUALITY_TARGET, maxItems: 20, default: [] }),
  },
  ['productGroup', 'unit', 'volume', 'unitPrice'],
);

export const SERVICE_ORDER = form(
  SERVICE_ORDER_FORM,
  labels('Palvelutilaus tuottajalle', 'Service order to a provider', 'Servicebeställning till en producent'),
  labels(
    'Tilaajaryhmä valmistelee tuottajalle tilauksen lautakunnan määrittelemistä palveluista: määrät, hinta suoritteelta ja laatutavoitteet. Neuvottelun jälkeen tilaus tarkistetaan samalla lomakkeella.',
    'The purchaser group prepares an order to the provider for services the board has defined: volumes, a price per unit and quality targets. After a negotiation the order is revised on the same form.',
    'Beställargruppen bereder en beställning till producenten av tjänster som nämnden har definierat: volymer, pris per prestation och kvalitetsmål. Efter en förhandling revideras beställningen på samma blankett.',
  ),
  {
    lines: rows(labels('Tilausrivit', 'Order lines', 'Beställningsrader'), ORDER_LINE),
    notes: text(labels('Lisätiedot', 'Notes', 'Anmärkningar'), { max: 5000, multiline: true }),
  },
  ['lines'],
);

export const ORDER_RESPONSES = {
  accepted: labels('Hyväksytään tilaus', 'Accept the order', 'Beställningen godkänns'),
  negotiate: labels('Neuvotellaan tilauksesta', 'Negotiate the order', 'Beställningen förhandlas'),
};

export const ORDER_RESPONSE = form(
  ORDER_RESPONSE_FORM,
  labels('Tuottajan vastaus tilaukseen', "The provider's answer to the order", 'Producentens svar på beställningen'),
  labels(
    'Tuottaja hyväksyy tilauksen tai pyytää neuvottelua. Neuvottelupyyntö kertoo, mitä tuottaja ehdottaa muutettavaksi; tilaus palaa tilaajaryhmälle.',
    'The provider accepts the order or asks to negotiate it. A negotiation says what the provider proposes to change; the order goes back to the purchaser group.',
    'Producenten godkänner beställningen eller begär förhandling. En förhandlingsbegäran anger vad producenten föreslår att ändras; beställningen går tillbaka till beställargruppen.',
  ),
  {
    response: choice(labels('Vastaus', 'Answer', 'Svar'), ORDER_RESPONSES),
    proposal: text(labels('Muutosehdotus', 'Proposed changes', 'Ändringsförslag'), { max: 5000, multiline: true }),
  },
  ['response'],
  {
    if: { properties: { response: { const: 'negotiate' } }, required: ['response'] },
    then: {
      required: ['proposal'],
      'x-reasons': {
        proposal: labels(
          'Neuvottelupyyntö kertoo, mitä tuottaja ehdottaa muutettavaksi.',
          'A request to negotiate says what the provider proposes to change.',
          'En förhandlingsbegäran anger vad producenten föreslår att ändras.',
        ),
      },
    },
  },
);

/**
 * What the board's meeting decided on the item (the meeting completes the task: meetings/meeting.service.ts):
 * an item outcome, or after a vote the winning proposal's kind.
 */
export const MEETING_OUTCOMES = {
  'approved-as-proposed': labels('Hyväksytty esityksen mukaisesti', 'Approved as proposed', 'Godkänt enligt förslaget'),
  'approved-amended': labels('Hyväksytty muutettuna', 'Approved amended', 'Godkänt med ändringar'),
  base: labels('Äänestyksen jälkeen esityksen mukaisesti', 'After a vote, as proposed', 'Efter omröstning enligt förslaget'),
  amend: labels('Äänestyksen jälkeen muutettuna', 'After a vote, amended', 'Efter omröstning med ändringar'),
  rejected: labels('Hylätty', 'Rejected', 'Avslaget'),
  reject: labels('Äänestyksen jälkeen hylätty', 'After a vote, rejected', 'Efter omröstning avslaget'),
  returned: labels('Palautettu uudelleen valmisteltavaksi', 'Returned for new preparation', 'Återremitterat'),
  return: labels('Äänestyksen jälkeen palautettu', 'After a vote, returned', 'Efter omröstning återremitterat'),
  noted: labels('Merkitty tiedoksi', 'Noted', 'Antecknat'),
};
export type MeetingOutcome = keyof typeof MEETING_OUTCOMES;

/** What the diagram branches on after the board's meeting: the agreements stand, go back to preparation, or fall. */
export function agreementOutcomeOf(outcome: MeetingOutcome): 'approved' | 'returned' | 'rejected' {
  if (outcome === 'approved-as-proposed' || outcome === 'approved-amended' || outcome === 'base' || outcome === 'amend') return 'approved';
  if (outcome === 'returned' || outcome === 'return') return 'returned';
  return 'rejected';
}

export const AGREEMENT_APPROVAL = decisionOfBody(
  form(
    AGREEMENT_APPROVAL_FORM,
    labels('Palvelusopimusten hyväksyminen', 'Approving the service agreements', 'Godkännande av serviceavtalen'),
    labels(
      'Tilaajalautakunta hyväksyy palvelusopimukset kokouksessaan. Päätös kirjataan kokouksen pöytäkirjaan pykälänä.',
      'The purchaser board approves the service agreements at its meeting. The decision is recorded as a section (§) of the minutes.',
      'Beställarnämnden godkänner serviceavtalen vid sitt sammanträde. Beslutet protokollförs som en paragraf.',
    ),
    {
      meetingOutcome: choice(labels('Päätös', 'Decision', 'Beslut'), MEETING_OUTCOMES),
      meetingDate: date(labels('Kokouspäivä', 'Meeting date', 'Sammanträdesdag')),
      section: text(labels('Pykälä', 'Section (§)', 'Paragraf'), { max: 40 }),
      decisionText: text(labels('Päätösteksti', 'Decision text', 'Beslutstext'), { max: 20000, multiline: true }),
    },
    ['meetingOutcome'],
  ),
);

const DELIVERED_LINE = object(
  labels('Toteutunut tuoteryhmä', 'Product group delivered', 'Levererad produktgrupp'),
  {
    productGroup,
    volume: amount(labels('Toteutunut määrä', 'Volume delivered', 'Levererad volym')),
    euros: amount(labels('Toteutuneet kustannukset (€)', 'Euros spent', 'Förverkligade kostnader (€)')),
    quality: field(labels('Laatumittarit', 'Quality indicators', 'Kvalitetsindikatorer'), {
      type: 'array',
      maxItems: 20,
      default: [],
      items: object(
        labels('Laatumittarin arvo', 'Value of a quality indicator', 'Kvalitetsindikatorns värde'),
        {
          indicator: text(labels('Mittari', 'Indicator', 'Indikator'), { max: 300 }),
          value: field(labels('Arvo', 'Value', 'Värde'), { type: 'number', minimum: -1e9, maximum: 1e9 }),
        },
        ['indicator', 'value'],
      ),
    }),
  },
  ['productGroup', 'volume', 'euros'],
);

export const QUARTERLY_REPORT = form(
  QUARTERLY_REPORT_FORM,
  labels('Neljännesvuosiraportti', 'Quarterly report', 'Kvartalsrapport'),
  labels(
    'Tuottaja raportoi neljännesvuoden toteutuneet suoritteet, kustannukset ja laatumittarit tuoteryhmittäin. Myöhästynyt raportti etenee tilaajan ketjussa ylöspäin.',
    "The provider reports the quarter's volumes delivered, euros spent and quality indicators per product group. A late report moves up the purchaser's chain.",
    'Producenten rapporterar kvartalets levererade volymer, kostnader och kvalitetsindikatorer per produktgrupp. En försenad rapport går uppåt i beställarens kedja.',
  ),
  {
    lines: rows(labels('Tuoteryhmät', 'Product groups', 'Produktgrupper'), DELIVERED_LINE),
    notes: text(labels('Lisätiedot', 'Notes', 'Anmärkningar'), { max: 5000, multiline: true }),
  },
  ['lines'],
);

export const PRODUCTION_ASSESSMENTS = {
  works: labels('Toimii hyvin', 'Works well', 'Fungerar väl'),
  'partly-works': labels('Toimii osittain', 'Works in part', 'Fungerar delvis'),
  'does-not-work': labels('Ei toimi', 'Does not work', 'Fungerar inte'),
};

export const PRODUCTION_EVALUATION = decisionOfBody(
  form(
    PRODUCTION_EVALUATION_FORM,
    labels('Tuotantojärjestelmän toimivuuden arviointi', 'Evaluating how the production system works', 'Utvärdering av hur produktionssystemet fungerar'),
    labels(
      'Tilaajalautakunta arvioi vuoden lopussa, miten tuotanto toimi: tilatut ja toteutuneet määrät ja eurot, yksikköhinnat, laatutavoitteiden toteutuminen sekä ennaltaehkäisevän, varhaisen tuen ja korjaavan työn osuudet. Arviointi ohjaa seuraavan vuoden määrittelyä.',
      'At year end the purchaser board evaluates how production worked: volumes and euros ordered and delivered, unit prices, quality targets met, and the shares of preventive, early support and corrective work. The evaluation guides the next year’s definition.',
      'Vid årets slut utvärderar beställarnämnden hur produktionen fungerade: beställda och levererade volymer och euro, styckpriser, uppnådda kvalitetsmål samt andelarna förebyggande arbete, tidigt stöd och korrigerande arbete. Utvärderingen styr nästa års definition.',
    ),
    {
      assessment: choice(
        labels('Tuotantojärjestelmän toimivuus', 'How the production system works', 'Hur produktionssystemet fungerar'),
        PRODUCTION_ASSESSMENTS,
      ),
      findings: text(labels('Havainnot', 'Findings', 'Iakttagelser'), { max: 10000, multiline: true }),
      nextYear: text(labels('Muutokset seuraavan vuoden palveluihin', 'Changes to next year’s services', 'Ändringar i nästa års tjänster'), {
        max: 10000,
        multiline: true,
      }),
      continueNextYear: field(labels('Jatketaan seuraavan vuoden määrittelyyn', 'Continue to next year’s definition', 'Fortsätt till nästa års definition'), {
        type: 'boolean',
        default: true,
      }),
    },
    ['assessment', 'findings'],
  ),
);

/** The forms of the purchaser–provider cycle (processes/purchaser-provider-cycle.bpmn); PurchasingPolicy completes them. */
export const PURCHASER_PROVIDER_FORMS: FormDefinition[] = [
  CYCLE_START,
  SERVICE_DEFINITION,
  SERVICE_ORDER,
  ORDER_RESPONSE,
  AGREEMENT_APPROVAL,
  QUARTERLY_REPORT,
  PRODUCTION_EVALUATION,
];
/** The task forms PurchasingPolicy keeps and checks (the start form is CaseStartPolicy's). */
export const PURCHASING_TASK_FORMS: ReadonlySet<string> = new Set(PURCHASER_PROVIDER_FORMS.map((f) => f.key).filter((k) => k !== CYCLE_START_FORM));
