import { appealInstructions, type AppealContext } from './appeal-instructions.js';
import type { Ballot, RoundResult } from './vote.js';

/**
 * A minutes extract (pöytäkirjanote) of one §, as a printable HTML page. Its fields come in the
 * order Finnish minutes use (the Turku city board's § 272 of 22 June 2023 is the model): the
 * header (city, body, §, meeting date, item number), the diary number with its task
 * classification, the title, the summary, the § reference, the preparer and the date of
 * preparation, the preparation text, the presenter, the proposal, the decision, the votes, the
 * dissents at the end of the §, the distribution, and the appeal instructions in Finnish and
 * Swedish. Every field is a `data-field` element, so a test (or a reader) can follow the order.
 */
export interface MinutesExtract {
  city: string;
  body: string;
  /** The abbreviation of the body in the § reference: `Kh` for the city board. */
  bodyAbbreviation: string;
  section: number;
  /** `22.06.2023` */
  meetingDate: string;
  itemNumber: number;
  diaryNumber: string;
  classification: string;
  title: string;
  summary: string | null;
  preparer: { title: string; name: string };
  /** `15.6.2023` */
  preparedOn: string;
  /** Paragraphs; a line on its own that ends without a full stop is printed as a sub-heading. */
  preparation: string[];
  presenter: { title: string; name: string };
  proposal: string;
  decision: string;
  votes: Array<RoundResult & { proposals: Record<string, string> }>;
  dissents: Array<{ name: string; reasons: string | null }>;
  distribution: Array<{ purpose: string; recipient: string }>;
  /** A non-public item leaves out its preparation and attachments and says why. */
  nonPublic: { ground: string } | null;
  /** Names of the people in the votes, by id. */
  names: Record<string, string>;
  appeal: AppealContext;
}

export const EXTRACT_FIELDS = [
  'city',
  'body',
  'section',
  'meeting-date',
  'item-number',
  'diary-number',
  'title',
  'summary',
  'section-ref',
  'preparer',
  'preparation',
  'presenter',
  'proposal',
  'decision',
  'votes',
  'dissents',
  'distribution',
  'appeal-fi',
  'appeal-sv',
] as const;

const escape = (s: string): string => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** The extract's own words (Finnish), shared by the HTML page and the PDF. */
export const EXTRACT_LABELS = {
  section: '§',
  meetingDate: 'Kokouspvm',
  item: 'Asia',
  summary: 'Tiivistelmä:',
  proposal: 'Ehdotus',
  decision: 'Päätös',
  votes: 'Äänestys',
  dissents: 'Eriävä mielipide',
  distribution: 'Jakelu',
} as const;

const BALLOT_FI: Record<Ballot, string> = { yes: 'Jaa', no: 'Ei', blank: 'Tyhjää', absent: 'Poissa' };

/** The fields' lines as plain text (not escaped), shared by the HTML page and the PDF. */
export const extractLines = {
  diaryNumber: (x: MinutesExtract): string => `${x.diaryNumber} (${x.classification})`,
  summary: (x: MinutesExtract): string => x.summary ?? '-',
  sectionRef: (x: MinutesExtract): string => `${x.bodyAbbreviation} § ${x.section}`,
  preparer: (x: MinutesExtract): string => `${x.preparer.title} ${x.preparer.name} ${x.preparedOn}:`,
  presenter: (x: MinutesExtract): string => `${x.presenter.title} ${x.presenter.name}:`,
  nonPublic: (ground: string): string => `Ei julkinen (${ground}). Valmisteluteksti ja liitteet jätetään pois.`,
  dissent: (d: MinutesExtract['dissents'][number]): string => `${d.name} jätti eriävän mielipiteen${d.reasons ? `: ${d.reasons}` : '.'}`,
};

/** A line of the preparation on its own that ends without a full stop (and is short) is a sub-heading. */
export const isSubHeading = (paragraph: string): boolean => !(/[.:;!?)]$/.test(paragraph.trim()) || paragraph.length > 120);

/** One round of a vote as it is printed: the two proposals, each side with its count and voters, the result. */
export interface VoteRoundLines {
  question: string;
  sides: string[];
  result: string;
}

export function voteRoundLines(x: MinutesExtract): VoteRoundLines[] {
  return x.votes.map((r, i) => {
    const names = (b: Ballot) =>
      Object.entries(r.ballots)
        .filter(([, v]) => v === b)
        .map(([id]) => x.names[id] ?? id)
        .join(', ');
    const decided =
      r.decidedBy === 'chair' ? ' Äänten mennessä tasan puheenjohtajan ääni ratkaisi.' : r.decidedBy === 'lot' ? ' Äänten mennessä tasan arpa ratkaisi.' : '';
    return {
      question: `Äänestys ${i + 1}: Jaa-ehdotus: ${r.proposals[r.yes] ?? r.yes}. Ei-ehdotus: ${r.proposals[r.no] ?? r.no}.`,
      sides: (['yes', 'no', 'blank', 'absent'] as const).map((b) => `${BALLOT_FI[b]} ${r.counts[b]}${r.counts[b] ? `: ${names(b)}` : ''}`),
      result: `Äänestyksen tulos: ${r.proposals[r.winner] ?? r.winner}.${decided}`,
    };
  });
}

function votesHtml(x: MinutesExtract): string {
  if (x.votes.length === 0) return '';
  const rounds = voteRoundLines(x).map(
    (r) =>
      `<div class="vote-round"><p>${escape(r.question)}</p><ul>${r.sides.map((s) => `<li>${escape(s)}</li>`).join('')}</ul><p>${escape(r.result)}</p></div>`,
  );
  return `<section data-field="votes"><h3>${EXTRACT_LABELS.votes}</h3>${rounds.join('')}</section>`;
}

function preparationHtml(x: MinutesExtract): string {
  if (x.nonPublic) return `<section data-field="preparation" class="non-public"><p>${escape(extractLines.nonPublic(x.nonPublic.ground))}</p></section>`;
  const paragraphs = x.preparation.map((p) => (isSubHeading(p) ? `<h4>${escape(p)}</h4>` : `<p>${escape(p)}</p>`));
  return `<section data-field="preparation">${paragraphs.join('')}</section>`;
}

const STYLE = `body{font-family:Arial,Helvetica,sans-serif;font-size:11pt;line-height:1.4;max-width:48em;margin:2em auto;color:#000}
header table{width:100%;border-collapse:collapse}header th{font-weight:normal;text-align:left;font-size:9pt}header td{font-weight:bold}
h1{font-size:14pt;margin:1.2em 0 .6em}h3,h4{font-size:11pt;margin:1em 0 .3em}.label{font-weight:bold;margin-right:1em}
.appeal{border-top:1px solid #000;margin-top:2em;padding-top:.5em;font-size:9.5pt}
@media print{body{margin:0;max-width:none}@page{size:A4;margin:20mm 20mm 20mm 25mm}.appeal{break-before:page}a{color:inherit;text-decoration:none}}`;

export function renderMinutesExtract(x: MinutesExtract): string {
  const L = EXTRACT_LABELS;
  const appeal = appealInstructions(x.appeal).map(
    (a) =>
      `<section data-field="appeal-${a.lang}" class="appeal" lang="${a.lang}"><h3>${escape(a.heading)}</h3>${a.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('')}</section>`,
  );
  const dissents = x.dissents.length
    ? `<section data-field="dissents"><h3>${L.dissents}</h3>${x.dissents.map((d) => `<p>${escape(extractLines.dissent(d))}</p>`).join('')}</section>`
    : '';
  return `<!doctype html>
<html lang="fi"><head><meta charset="utf-8"><title>${escape(x.body)} § ${x.section}, ${escape(x.meetingDate)}</title><style>${STYLE}</style></head>
<body><article class="minutes-extract">
<header><table><tr><th data-field="city">${escape(x.city)}</th><th>${L.section}</th><th>${L.meetingDate}</th><th>${L.item}</th></tr>
<tr><td data-field="body">${escape(x.body)}</td><td data-field="section">${x.section}</td><td data-field="meeting-date">${escape(x.meetingDate)}</td><td data-field="item-number">${x.itemNumber}</td></tr></table>
<p data-field="diary-number">${escape(extractLines.diaryNumber(x))}</p></header>
<h1 data-field="title">${escape(x.title)}</h1>
<p data-field="summary"><span class="label">${L.summary}</span>${escape(extractLines.summary(x))}</p>
<p data-field="section-ref">${escape(extractLines.sectionRef(x))}</p>
<p data-field="preparer">${escape(extractLines.preparer(x))}</p>
${preparationHtml(x)}
<p data-field="presenter">${escape(extractLines.presenter(x))}</p>
<p data-field="proposal"><span class="label">${L.proposal}</span>${escape(x.proposal)}</p>
<p data-field="decision"><span class="label">${L.decision}</span>${escape(x.decision)}</p>
${votesHtml(x)}
${dissents}
<section data-field="distribution"><h3>${L.distribution}</h3>${x.distribution.map((d) => `<p><span class="label">${escape(d.purpose)}</span>${escape(d.recipient)}</p>`).join('')}</section>
${appeal.join('\n')}
</article></body></html>
`;
}
