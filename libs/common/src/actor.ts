/** Who is acting: a signed-in user, or the system itself (the worker, the seeder). */
export interface Actor {
  userId: string | null;
  username: string;
  roles: string[];
  /** Codes of the steering bodies the user acts for: their own, and those they deputise for now. */
  bodies: string[];
  /** The bodies the user belongs to themselves (when deputising makes `bodies` wider). */
  ownBodies?: string[];
  /** Members the user deputises for now, and for which of their bodies. */
  deputyFor?: Array<{ username: string; bodies: string[] }>;
}

/**
 * Whom the actor stands in for when acting on something of these bodies: nobody when
 * they belong to one of the bodies themselves, else the members they deputise there.
 */
export function actingFor(actor: Actor, bodies: string[]): string[] {
  const own = actor.ownBodies ?? actor.bodies;
  if (bodies.some((b) => own.includes(b))) return [];
  return (actor.deputyFor ?? []).filter((d) => d.bodies.some((b) => bodies.includes(b))).map((d) => d.username);
}

export const SYSTEM_ACTOR: Actor = { userId: null, username: 'system', roles: ['system'], bodies: [] };

/** The system itself (the worker, a timer, a registered request): the only actor that ends a system wait. */
export const isSystem = (a: Actor) => a.roles.includes('system');
export const isAdmin = (a: Actor) => a.roles.includes('admin') || a.roles.includes('system');
export const isDirector = (a: Actor) => a.roles.includes('director') || isAdmin(a);

/** Whether the actor may act on a task claimed by `assignee`: their own claim, or that of a member they deputise for. */
export function holdsClaimOf(actor: Actor, assignee: string): boolean {
  return assignee === actor.username || (actor.deputyFor ?? []).some((d) => d.username === assignee);
}
