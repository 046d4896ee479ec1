/**
 * An absolute link from the public base URL and a path. Pure: verbs get the base URL from their
 * context (`ctx.appUrl`) or their caller; the doors decide what it is (server/http/app-url.ts).
 */
export function absoluteUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/$/, "")}${path}`;
}
