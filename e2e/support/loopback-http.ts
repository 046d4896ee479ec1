/**
 * HTTP to the app from a chosen loopback source address. Every 127.x.y.z is loopback on Linux, so
 * a request bound to 127.9.8.7 reaches the server from that address — a distinct client IP over
 * real TCP, with no forwarded header (which the server believes only from configured proxies).
 * Per-IP limits see each such client on its own, as they would see people on the internet.
 */
import { randomInt } from "node:crypto";
import { request as httpRequest } from "node:http";

export type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

export const randomLoopbackAddress = () => `127.${randomInt(1, 255)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** One request to the app (E2E_BASE_URL) from source address `ip`. */
export function sendFrom(ip: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  const url = new URL(path, process.env.E2E_BASE_URL);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, localAddress: ip },
      (res) => {
        let data = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (data += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** The `Set-Cookie` headers of a reply as name/value pairs. */
export function setCookies(reply: Reply): { name: string; value: string }[] {
  return ([] as string[]).concat(reply.headers["set-cookie"] ?? []).map((header) => {
    const pair = header.split(";")[0]!;
    const at = pair.indexOf("=");
    return { name: pair.slice(0, at), value: pair.slice(at + 1) };
  });
}

/** The cookies a reply set, as a `Cookie` request header. */
export const cookieHeader = (reply: Reply) =>
  setCookies(reply)
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");

/** The form's sign-in from source address `ip`: the CSRF token, then the credentials callback; answers the callback's reply. */
export async function credentialsSignInFrom(ip: string, email: string, password: string): Promise<Reply> {
  const csrf = await sendFrom(ip, "GET", "/api/auth/csrf", {});
  if (csrf.status !== 200) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ email, password, csrfToken, callbackUrl: "/orgs" }).toString();
  const headers = { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(csrf) };
  return sendFrom(ip, "POST", "/api/auth/callback/credentials", headers, form);
}
