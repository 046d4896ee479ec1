/** Organisation slugs are URL segments: lower-case letters, digits and single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,38}[a-z0-9]$/;

/** Words that would collide with our own routes or confuse people. */
const RESERVED = new Set([
  "admin",
  "api",
  "app",
  "new",
  "settings",
  "sign-in",
  "sign-up",
  "invite",
  "t",
  "www",
  "agentry",
  "platform",
  "static",
  "public",
  "help",
  "support",
]);

export function slugProblem(slug: string): string | null {
  if (!SLUG_PATTERN.test(slug))
    return "Use 3–40 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.";
  if (RESERVED.has(slug)) return `"${slug}" is reserved; choose another.`;
  return null;
}

/** A suggestion from a name: "Acme Labs, Inc." → "acme-labs-inc". */
export function slugFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
}
