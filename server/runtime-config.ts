import { env } from "./env";

/**
 * Start-up checks beyond the shape of each variable: what the running server (not the build)
 * cannot do without. Throws one message listing everything to set.
 */
export function assertRuntimeConfig(): void {
  const problems: string[] = [];
  if (!env.AUTH_SECRET) {
    problems.push("AUTH_SECRET: set a random secret of at least 32 characters (openssl rand -base64 32); `npm start` creates one under .data/ for you");
  }
  if (problems.length > 0) {
    throw new Error(`Agentry cannot start:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}
