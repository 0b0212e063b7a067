import { meetingRefusal } from './meeting-refusal.js';

/**
 * A vote (äänestys) on an item. The presenter's proposal is the base; a member's counter-proposal
 * is voted on only if another member seconds it (an unseconded one lapses). Each round sets two
 * proposals against each other: `yes` (jaa) for one, `no` (ei) for the other; from the second
 * round on, one side is the previous round's winner. The proposal with more yes/no votes wins;
 * blank votes and absences count for neither. On a tie the side the chair voted for wins, except
 * in an election, where the lot decides (Local Government Act 104 §).
 */
export type Ballot = 'yes' | 'no' | 'blank' | 'absent';

/** What adopting a proposal does to the item: the base proposal, an amended text, or a procedural motion. */
export type ProposalKind = 'base' | 'amend' | 'reject' | 'return' | 'table';

export interface Proposal {
  id: string;
  kind: ProposalKind;
  text: string;
  proposedBy: string | null;
  secondedBy: string | null;
}

export interface VoteRound {
  yes: string;
  no: string;
  /** voter (the person filling a seat) → ballot; voters with no ballot are recorded absent. */
  ballots: Record<string, Ballot>;
  /** For an election tied between the two sides: the proposal the lot drew. */
  lotWinner?: string;
}

export interface RoundResult {
  yes: string;
  no: string;
  counts: Record<Ballot, number>;
  ballots: Record<string, Ballot>;
  winner: string;
  decidedBy: 'majority' | 'chair' | 'lot';
}

export interface VoteResult {
  rounds: RoundResult[];
  winner: Proposal;
}

export interface VoteInput {
  kind: 'decision' | 'election';
  proposals: readonly Proposal[];
  rounds: readonly VoteRound[];
  /** People who may vote on the item: those filling its seats (present, not recused). */
  voters: readonly string[];
  /** People recused from the item, so a ballot from them is refused by name. */
  recused: readonly string[];
  chair: string;
}

export function computeVote(input: VoteInput): VoteResult {
  const byId = new Map(input.proposals.map((p) => [p.id, p]));
  for (const p of input.proposals) {
    if (p.kind !== 'base' && !p.secondedBy) {
      throw meetingRefusal('counter-proposal-not-seconded', `Counter-proposal ${p.id} was not seconded, so it lapsed and is not voted on`, { proposal: p.id });
    }
  }
  if (input.rounds.length === 0) throw meetingRefusal('vote-order', 'A vote has at least one round', {}, 'BAD_INPUT');
  const voters = new Set(input.voters);
  const recused = new Set(input.recused);
  const rounds: RoundResult[] = [];
  for (const [i, round] of input.rounds.entries()) {
    if (!byId.has(round.yes) || !byId.has(round.no) || round.yes === round.no) {
      throw meetingRefusal('vote-order', `Round ${i + 1} sets two different proposals of the item against each other`, { round: i + 1 }, 'BAD_INPUT');
    }
    const previous = rounds[i - 1];
    if (previous && round.yes !== previous.winner && round.no !== previous.winner) {
      throw meetingRefusal(
        'vote-order',
        `Round ${i + 1} must set the winner of round ${i} against the next proposal`,
        { round: i + 1, winner: previous.winner },
        'BAD_INPUT',
      );
    }
    for (const person of Object.keys(round.ballots)) {
      if (recused.has(person))
        throw meetingRefusal('recused-member-voting', `${person} is recused from this item and takes no part in its vote`, { person, round: i + 1 });
      if (!voters.has(person)) throw meetingRefusal('not-a-voter', `${person} fills no seat for this item and cannot vote`, { person, round: i + 1 });
    }
    const ballots: Record<string, Ballot> = {};
    const counts: Record<Ballot, number> = { yes: 0, no: 0, blank: 0, absent: 0 };
    for (const voter of input.voters) {
      const b = round.ballots[voter] ?? 'absent';
      ballots[voter] = b;
      counts[b] += 1;
    }
    let winner: string;
    let decidedBy: RoundResult['decidedBy'] = 'majority';
    if (counts.yes !== counts.no) winner = counts.yes > counts.no ? round.yes : round.no;
    else if (input.kind === 'election') {
      if (round.lotWinner !== round.yes && round.lotWinner !== round.no) {
        throw meetingRefusal('lot-required', `Round ${i + 1} of the election is tied ${counts.yes}–${counts.no}: the lot decides, record which side it drew`, {
          round: i + 1,
        });
      }
      winner = round.lotWinner;
      decidedBy = 'lot';
    } else {
      const chairBallot = ballots[input.chair];
      if (chairBallot !== 'yes' && chairBallot !== 'no') {
        throw meetingRefusal(
          'tie-without-chair-vote',
          `Round ${i + 1} is tied ${counts.yes}–${counts.no} and the chair voted neither yes nor no, so the chair’s vote cannot decide`,
          { round: i + 1 },
        );
      }
      winner = chairBallot === 'yes' ? round.yes : round.no;
      decidedBy = 'chair';
    }
    rounds.push({ yes: round.yes, no: round.no, counts, ballots, winner, decidedBy });
  }
  return { rounds, winner: byId.get(rounds[rounds.length - 1].winner)! };
}
