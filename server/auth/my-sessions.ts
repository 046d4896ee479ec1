import type { SessionContext } from "../request-context";
import { listSessions, revokeAllSessions } from "./sessions";

/** The signed-in person's live sessions, newest use first; `current` marks this browser's. */
export async function listMySessions(ctx: SessionContext) {
  const { user } = ctx;
  const rows = await ctx.scopes.withUser(user.id, (tx) => listSessions(tx, user.id));
  return rows.map((r) => ({
    id: r.id,
    current: r.id === user.sessionId,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    ip: r.ip,
    userAgent: r.userAgent,
  }));
}

/** Sign out everywhere: every session, this one included unless `keepCurrent`. */
export async function signOutEverywhere(ctx: SessionContext, input: { keepCurrent: boolean }): Promise<{ revoked: number }> {
  const { user } = ctx;
  const revoked = await ctx.scopes.withUser(user.id, (tx) =>
    revokeAllSessions(tx, user.id, input.keepCurrent ? user.sessionId : undefined),
  );
  return { revoked };
}
