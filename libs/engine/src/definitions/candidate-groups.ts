/**
 * Who a user task's `camunda:candidateGroups` may name. The engine keeps no groups of its own: a
 * module that does (the steering bodies) registers itself with DefinitionService.useCandidateGroups,
 * and from then on a diagram naming any other group is refused. Without one, any group is accepted.
 */
export interface CandidateGroupDirectory {
  /** The codes of every group a user task may name now. */
  codes(): Promise<ReadonlySet<string>>;
}
