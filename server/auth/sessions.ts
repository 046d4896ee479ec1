import { and, desc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { userSessions, users } from "@/db/schema";
import { isListedPlatformAdmin } from "./sign-up";

export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;
const LAST_SEEN_RESOLUTION_MS = 5 * 60_000;

export type SessionUser = { id: string; email: string; name: string; isPlatformAdmin: boolean; emailVerified: boolean; sessionId: string };

export async function createSession(tx: Tx, userId: string, meta: { ip: string | null; userAgent: string | null }) {
  const [row] = await tx
    .insert(userSessions)
    .values({
      userId,
      expiresAt: new Date(Date.now() + SESSION_TTL_SECONDS * 1000),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 400) ?? null,
    })
    .returning({ id: userSessions.id });
  return row!.id;
}

/**
 * The user behind a session id, if the session is live (not revoked, not expired). Called on
 * every authenticated request, which is what makes revocation immediate.
 */
export async function validateSession(tx: Tx, sessionId: string): Promise<SessionUser | null> {
  const [row] = await tx
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      isPlatformAdmin: users.isPlatformAdmin,
      emailVerifiedAt: users.emailVerifiedAt,
      lastSeenAt: userSessions.lastSeenAt,
    })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt), gt(userSessions.expiresAt, sql`now()`)))
    .limit(1);
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await tx.update(userSessions).set({ lastSeenAt: new Date() }).where(eq(userSessions.id, sessionId));
  }
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    isPlatformAdmin: row.isPlatformAdmin || isListedPlatformAdmin(row.email, row.emailVerifiedAt !== null),
    emailVerified: row.emailVerifiedAt !== null,
    sessionId,
  };
}

export async function revokeSession(tx: Tx, sessionId: string) {
  await tx
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)));
}

/** Signs the user out everywhere, optionally keeping the current browser signed in. */
export async function revokeAllSessions(tx: Tx, userId: string, exceptSessionId?: string) {
  const revoked = await tx
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(userSessions.userId, userId),
        isNull(userSessions.revokedAt),
        exceptSessionId ? ne(userSessions.id, exceptSessionId) : undefined,
      ),
    )
    .returning({ id: userSessions.id });
  return revoked.length;
}

export async function listSessions(tx: Tx, userId: string) {
  return tx
    .select({
      id: userSessions.id,
      createdAt: userSessions.createdAt,
      lastSeenAt: userSessions.lastSeenAt,
      expiresAt: userSessions.expiresAt,
      ip: userSessions.ip,
      userAgent: userSessions.userAgent,
    })
    .from(userSessions)
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt), gt(userSessions.expiresAt, sql`now()`)))
    .orderBy(desc(userSessions.lastSeenAt))
    .limit(50);
}
