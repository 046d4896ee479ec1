import { env } from "./env";

/**
 * Start-up checks beyond the shape of each variable: what the running server (not the build)
 * cannot do without. Throws one message listing everything to set.
 */
export function assertRuntimeConfig(): void {
  const problems: string[] = [];
  if (!env.AUTH_SECRET) {
    problems.push(
      "AUTH_SECRET: set a random secret of at least 32 characters (openssl rand -base64 32); `npm start` creates one under .data/ for you",
    );
  }
  // Tenants' provider keys are sealed under it; an invented one would make them unreadable after a restart.
  if (!env.AGENTRY_KEK && env.NODE_ENV === "production") {
    problems.push(
      "AGENTRY_KEK: set a key-encryption key, base64 of 32 random bytes (openssl rand -base64 32); `npm start` creates one under .data/ for you",
    );
  }
  // Without it, links in e-mails (password resets, invitations) took their host from the
  // request's Host / X-Forwarded-Host: whoever asked for the mail chose where it pointed.
  if (!env.APP_URL && (env.SMTP_URL || env.NODE_ENV === "production")) {
    problems.push(
      `APP_URL: set the public base URL (e.g. https://agentry.example.com); it is required ${env.SMTP_URL ? "when SMTP_URL is set (links in e-mails use it)" : "in production"}`,
    );
  }
  if (problems.length > 0) {
    throw new Error(`Agentry cannot start:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}
