/** Helpers for the HTTP API suites: auth headers and the one error envelope every failure has. */
import { expect, type APIResponse } from "@playwright/test";

export const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

export type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };

/** What must never reach a client: stack traces, file paths, SQL. */
const LEAKS = [
  /stack/i,
  /\bat \//,
  /\bselect\s.+\sfrom\b/i,
  /\binsert into\b/i,
  /\bupdate\s+"?\w+"?\s+set\b/i,
  /\bpostgres(ql)?\b/i,
  /node_modules/,
];

/** Asserts the body text is a well-formed error envelope with no leaks, and returns it. */
export function assertEnvelope(text: string, label = "error body"): ErrorBody {
  const body = JSON.parse(text) as ErrorBody;
  expect(Object.keys(body), `${label}: only "error" at the top level`).toEqual(["error"]);
  const keys = Object.keys(body.error).sort();
  expect(["code,message", "code,details,message"], `${label}: code, message[, details]`).toContain(keys.join(","));
  expect(typeof body.error.code, `${label}: code is a string`).toBe("string");
  expect(body.error.code, `${label}: code is machine-readable`).toMatch(/^[a-z][a-z0-9_]*$/);
  expect(typeof body.error.message, `${label}: message is a string`).toBe("string");
  expect(body.error.message.length, `${label}: message says something`).toBeGreaterThan(0);
  if ("details" in body.error) expect(typeof body.error.details, `${label}: details is an object`).toBe("object");
  for (const leak of LEAKS) expect(text, `${label}: nothing like ${leak}`).not.toMatch(leak);
  return body;
}

/** Asserts status, JSON content type, request id and the envelope (with `code` when given). */
export async function expectError(response: APIResponse, status: number, code?: string): Promise<ErrorBody> {
  const text = await response.text();
  const label = new URL(response.url()).pathname;
  expect(response.status(), `${label} → ${text}`).toBe(status);
  expect(response.headers()["content-type"] ?? "", `${label}: JSON`).toContain("application/json");
  expect(response.headers()["x-request-id"], `${label}: x-request-id`).toBeTruthy();
  const body = assertEnvelope(text, label);
  if (code) expect(body.error.code, `${label}: code`).toBe(code);
  return body;
}

/** Asserts a 200 JSON response and returns its body. */
export async function expectOk<T = Record<string, unknown>>(response: APIResponse): Promise<T> {
  const text = await response.text();
  expect(response.status(), `${new URL(response.url()).pathname} → ${text}`).toBe(200);
  return JSON.parse(text) as T;
}
