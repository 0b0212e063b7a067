/** Who is acting: a signed-in user, or the system itself (the worker, the seeder). */
export interface Actor {
  userId: string | null;
  username: string;
  roles: string[];
  /** Codes of the steering bodies the user belongs to. */
  bodies: string[];
}

export const SYSTEM_ACTOR: Actor = { userId: null, username: 'system', roles: ['system'], bodies: [] };

export const isAdmin = (a: Actor) => a.roles.includes('admin') || a.roles.includes('system');
export const isDirector = (a: Actor) => a.roles.includes('director') || isAdmin(a);
