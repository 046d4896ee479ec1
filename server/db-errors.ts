/**
 * Postgres errors reach us wrapped (drizzle's DrizzleQueryError keeps the driver error as
 * `cause`), and postgres.js and PGlite name the constraint differently: look through both.
 */
type PgLikeError = { code?: string; constraint?: string; constraint_name?: string; message?: string; cause?: unknown };

function* chain(error: unknown): Generator<PgLikeError> {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    yield current as PgLikeError;
    current = (current as PgLikeError).cause;
  }
}

export function pgErrorCode(error: unknown): string | undefined {
  for (const e of chain(error)) if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  return undefined;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (const e of chain(error)) {
    if (e.code !== "23505") continue;
    if (!constraint) return true;
    const name = e.constraint ?? e.constraint_name ?? "";
    return name === constraint || (e.message ?? "").includes(constraint);
  }
  return false;
}
