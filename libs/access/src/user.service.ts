import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import bcrypt from 'bcryptjs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { badInput, conflict, notFound } from '@kaari/common/errors.js';
import { UserEntity } from '@kaari/persistence/entities.js';
import { BodyService } from '@kaari/governance/body.service.js';
import { appendAudit } from '@kaari/persistence/audit-writer.js';

export const ROLES = ['admin', 'director', 'auditor'] as const;
/** The languages Kaari is written in; a person's choice is kept on their account. */
export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const MIN_PASSWORD_LENGTH = 10;

export interface UserInput {
  username: string;
  password?: string;
  displayName: string;
  roles: string[];
  bodies: Array<string | { code: string; role?: string }>;
  disabled?: boolean;
  email?: string | null;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  /** Codes of the bodies the user sits in… */
  bodies: string[];
  /** …and the role in each (`chair`, `vice-chair`, `secretary`, `member`). */
  memberships: Array<{ code: string; role: string }>;
  disabled: boolean;
  email: string | null;
}

/** Local accounts. Owns `users`; memberships go through BodyService. */
@Injectable()
export class UserService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly bodies: BodyService,
  ) {}

  static checkPassword(password: string, username?: string): void {
    if (password.length < MIN_PASSWORD_LENGTH || password.length > 200) {
      throw badInput(`A password has ${MIN_PASSWORD_LENGTH} to 200 characters`, [
        { path: 'password', code: 'weak-password', message: `at least ${MIN_PASSWORD_LENGTH} characters` },
      ]);
    }
    const weakness = passwordWeakness(password, username);
    if (weakness) throw badInput(`The password is too easy to guess: ${weakness}`, [{ path: 'password', code: 'weak-password', message: weakness }]);
  }

  async findByUsername(username: string): Promise<UserEntity | null> {
    return this.db.getRepository(UserEntity).findOneBy({ username });
  }

  async findById(id: string): Promise<UserEntity | null> {
    return this.db.getRepository(UserEntity).findOneBy({ id });
  }

  async view(username: string): Promise<UserView> {
    const user = await this.findByUsername(username);
    if (!user) throw notFound(`User ${username}`);
    return this.toView(user);
  }

  /** The language the person reads Kaari in (Finnish until they choose another). */
  async languageOf(username: string): Promise<Language> {
    const user = await this.findByUsername(username);
    if (!user) throw notFound(`User ${username}`);
    return user.language;
  }

  /** Keeps the person's language: the web app's language switcher stores it, their e-mails are written in it. */
  async setLanguage(userId: string, language: Language): Promise<void> {
    await this.db.getRepository(UserEntity).update({ id: userId }, { language });
  }

  async list(): Promise<UserView[]> {
    const users = await this.db.getRepository(UserEntity).find({ order: { username: 'ASC' } });
    return Promise.all(users.map((u) => this.toView(u)));
  }

  private async toView(u: UserEntity): Promise<UserView> {
    const memberships = await this.bodies.membershipsOf(u.id);
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles,
      bodies: memberships.map((m) => m.code),
      memberships,
      disabled: u.disabled,
      email: u.email,
    };
  }

  async create(input: UserInput): Promise<UserView> {
    if (!input.password) throw badInput('A new user needs a password', [{ path: 'password', code: 'required', message: 'required' }]);
    UserService.checkPassword(input.password, input.username);
    const hash = await bcrypt.hash(input.password, 10);
    await this.db.transaction(async (em) => {
      const inserted = await em.query(
        `INSERT INTO users (id, username, display_name, password_hash, roles, disabled, email) VALUES ($1,$2,$3,$4,$5,$6,$7)
         ON CONFLICT (username) DO NOTHING RETURNING id`,
        [randomUUID(), input.username, input.displayName, hash, input.roles, input.disabled ?? false, input.email ?? null],
      );
      if (!inserted.length) throw conflict(`User ${input.username} already exists`, 'user-exists', { username: input.username });
      await this.bodies.setMemberships(em, inserted[0].id, normalise(input.bodies));
      await appendAudit(em, [{ action: 'user.created', entityType: 'user', entityId: input.username, after: auditable(input) }]);
    });
    return this.view(input.username);
  }

  async update(username: string, input: UserInput): Promise<UserView> {
    if (input.username !== username) throw badInput('The username in the body must match the path');
    if (input.password) UserService.checkPassword(input.password, username);
    const hash = input.password ? await bcrypt.hash(input.password, 10) : null;
    await this.db.transaction(async (em) => {
      const user = await em.findOne(UserEntity, { where: { username }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound(`User ${username}`);
      const revoke = hash !== null || (input.disabled ?? false) !== user.disabled || input.roles.join() !== user.roles.join();
      await em.update(
        UserEntity,
        { id: user.id },
        {
          displayName: input.displayName,
          email: input.email ?? null,
          roles: input.roles,
          disabled: input.disabled ?? false,
          ...(hash ? { passwordHash: hash } : {}),
          // Disabling, a new password or new roles revoke every token at once.
          ...(revoke ? { tokenVersion: user.tokenVersion + 1 } : {}),
        },
      );
      await this.bodies.setMemberships(em, user.id, normalise(input.bodies));
      await appendAudit(em, [
        {
          action: input.disabled && !user.disabled ? 'user.disabled' : 'user.updated',
          entityType: 'user',
          entityId: username,
          before: { displayName: user.displayName, roles: user.roles, disabled: user.disabled, email: user.email },
          after: auditable(input),
          details: { passwordChanged: hash !== null, tokensRevoked: revoke },
        },
      ]);
    });
    return this.view(username);
  }

  /** Creates or resets `admin` (KAARI_ADMIN_PASSWORD), or creates it with a random password printed once. */
  async ensureAdmin(password: string | null): Promise<string | null> {
    const existing = await this.findByUsername('admin');
    if (existing && !password) return null;
    // Every api start sees KAARI_ADMIN_PASSWORD: nothing to do (or to audit) while it is the password already.
    if (
      existing &&
      password &&
      existing.passwordHash &&
      !existing.disabled &&
      existing.roles.includes('admin') &&
      (await bcrypt.compare(password, existing.passwordHash))
    )
      return null;
    const chosen = password ?? randomUUID().replace(/-/g, '').slice(0, 20);
    const hash = await bcrypt.hash(chosen, 10);
    if (existing) {
      await this.db.transaction(async (em) => {
        await em.update(UserEntity, { id: existing.id }, { passwordHash: hash, disabled: false, roles: [...new Set([...existing.roles, 'admin'])] });
        await appendAudit(em, [{ action: 'user.admin-reset', entityType: 'user', entityId: 'admin', details: { source: 'KAARI_ADMIN_PASSWORD at start-up' } }]);
      });
    } else {
      await this.db.transaction(async (em) => {
        const inserted = await em.query(
          `INSERT INTO users (id, username, display_name, password_hash, roles) VALUES ($1,'admin','Administrator',$2,'{admin,director}') ON CONFLICT (username) DO NOTHING RETURNING id`,
          [randomUUID(), hash],
        );
        if (inserted.length)
          await appendAudit(em, [
            { action: 'user.created', entityType: 'user', entityId: 'admin', after: { roles: ['admin', 'director'] }, details: { source: 'start-up' } },
          ]);
      });
    }
    return password ? null : chosen;
  }

  /** Checks a password; a missing user costs the same time as a wrong password. */
  async verify(username: string, password: string): Promise<UserEntity | null> {
    const user = await this.findByUsername(username);
    const hash = user?.passwordHash ?? '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.Ky7l8Qd9gHTGUhDhJnPHAKqe5nSq';
    const ok = await bcrypt.compare(password, hash);
    return ok && user && !user.disabled ? user : null;
  }

  async revokeTokens(userId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      await em.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [userId]);
      await appendAudit(em, [{ action: 'auth.signed-out', entityType: 'user', entityId: userId }]);
    });
  }

  /** Sign-in attempts are on the record too (never the password). */
  async recordSignIn(username: string, outcome: 'signed-in' | 'failed' | 'throttled', address: string | undefined): Promise<void> {
    await this.db.transaction((em) =>
      appendAudit(em, [{ action: `auth.${outcome}`, entityType: 'user', entityId: username, details: { address: address ?? null } }], {
        userId: null,
        username,
        roles: [],
        bodies: [],
      }),
    );
  }
}

const COMMON_PASSWORDS = new Set([
  'password',
  'passwort',
  'salasana',
  'losenord',
  'qwerty',
  'qwertyuiop',
  'asdfghjkl',
  'letmein',
  'welcome',
  'tervetuloa',
  'admin',
  'administrator',
  'kaari',
  'kaupunki',
  'turku',
  'tampere',
  'helsinki',
  'iloveyou',
  'monkey',
  'dragon',
  'abcdefghij',
  'abc',
  'changeme',
  'secret',
]);

/** Why a password is trivially weak, or null: the username in it, one character repeated, a run like 1234567890, a common word plus digits. */
export function passwordWeakness(password: string, username?: string): string | null {
  const lower = password.toLowerCase();
  const name = username?.toLowerCase();
  if (name && name.length >= 3 && (lower.includes(name) || name.includes(lower))) return 'it contains the username';
  if (new Set(lower).size < 4) return 'it has fewer than 4 different characters';
  const codes = [...lower].map((c) => c.charCodeAt(0));
  if (codes.every((c, i) => i === 0 || Math.abs(c - codes[i - 1]) === 1 || c === codes[i - 1])) return 'it is a run of neighbouring characters';
  const letters = lower.replace(/[^a-zåäö]/g, '');
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(letters) || /^\d+$/.test(lower)) return 'it is a common password';
  return null;
}

function auditable(input: UserInput): Record<string, unknown> {
  return { displayName: input.displayName, roles: input.roles, disabled: input.disabled ?? false, email: input.email ?? null, bodies: normalise(input.bodies) };
}

function normalise(bodies: UserInput['bodies']): Array<{ code: string; role?: string }> {
  return bodies.map((b) => (typeof b === 'string' ? { code: b } : b));
}
