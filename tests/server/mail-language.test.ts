import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/*
 * Identity and invitation mail goes out in the language of the request that caused it. A real
 * SMTP listener on loopback receives what nodemailer sends, so the test reads the message as a
 * mailbox would (encoded subject, transfer-encoded body), not a value inside the process.
 */
const SMTP_PORT = await vi.hoisted(async () => (await import("../support/smtp-env")).pointSmtpAtFreeLoopbackPort());

import enEmail from "@/messages/en/email.json" with { type: "json" };
import zhEmail from "@/messages/zh-CN/email.json" with { type: "json" };
import { changeEmailInput, requestEmailChange } from "@/server/auth/change-email";
import { confirmEmailVerification } from "@/server/auth/email-verification";
import { requestPasswordReset } from "@/server/auth/password-reset";
import { registerAccount } from "@/server/auth/register-account";
import { signUpInput } from "@/server/auth/sign-up";
import { afterCommitIdle } from "@/server/events/after-commit";
import { localeFromHeaders } from "@/server/i18n/server-messages";
import { createPgliteTestDatabase, type TestDatabase } from "../support/databases";
import { callerFor, domainContext, seedTenant, seedUser, signedInContext, TEST_PASSWORD, uniqueEmail } from "../support/callers";

type Received = { to: string; subject: string; text: string };

/** Just enough SMTP to take a message: greeting, EHLO, MAIL, RCPT, DATA, QUIT. */
function smtpListener(inbox: Received[]): Server {
  return createServer((socket: Socket) => {
    let buffer = "";
    let inData = false;
    let to = "";
    socket.write("220 test ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          inbox.push({ to, ...parseMessage(buffer.slice(0, end)) });
          buffer = buffer.slice(end + 5);
          inData = false;
          socket.write("250 OK queued\r\n");
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250 test\r\n");
        else if (verb === "RCPT") {
          to = line.match(/<([^>]+)>/)?.[1] ?? "";
          socket.write("250 OK\r\n");
        } else if (verb === "DATA") {
          inData = true;
          socket.write("354 go ahead\r\n");
        } else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
  });
}

/** The subject (RFC 2047 words) and plain-text body (base64 or quoted-printable) of a message. */
function parseMessage(raw: string): { subject: string; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const header = (name: string) => head.match(new RegExp(`^${name}:\\s*(.*)$`, "im"))?.[1] ?? "";
  const subject = header("Subject")
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodeQuotedPrintable(data.replace(/_/g, " ")),
    );
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const text =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? decodeQuotedPrintable(body)
        : body;
  return { subject, text: text.replace(/\r\n/g, "\n") };
}

function decodeQuotedPrintable(value: string): string {
  const bytes = value.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, "%25"));
}

const CHINESE = new Headers({ cookie: "NEXT_LOCALE=zh-CN" });
const CHINESE_BROWSER = new Headers({ "accept-language": "zh-CN,zh;q=0.9,en;q=0.5" });
const ENGLISH = new Headers({ "accept-language": "en-GB,en;q=0.9" });

describe("identity and invitation mail speak the language of the request that caused it", () => {
  let db: TestDatabase;
  let smtp: Server;
  const inbox: Received[] = [];
  const mailTo = async (address: string) => {
    await afterCommitIdle();
    await vi.waitFor(() => expect(inbox.some((m) => m.to === address)).toBe(true), { timeout: 5_000 });
    return inbox.filter((m) => m.to === address);
  };
  /** The domain context a server action builds for a request with these headers. */
  const requestContext = (headers: Headers) => ({ ...domainContext(db), locale: localeFromHeaders(headers) });

  beforeAll(async () => {
    db = await createPgliteTestDatabase();
    smtp = smtpListener(inbox);
    await new Promise<void>((resolve) => smtp.listen(SMTP_PORT, "127.0.0.1", resolve));
  });

  afterAll(async () => {
    await afterCommitIdle();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await db.drop();
  });

  it("sends the sign-up confirmation and the address-taken notice in Chinese to a Chinese request, in English to an English one", async () => {
    await seedUser(db, "Installer"); // not the installer's own sign-up, which sends nothing
    const free = uniqueEmail("zh-free");
    const english = uniqueEmail("en-free");
    const taken = (await seedUser(db, "Holder")).email;
    const form = (email: string) => signUpInput.parse({ name: "新用户", email, password: TEST_PASSWORD });

    await registerAccount(requestContext(CHINESE), form(free));
    await registerAccount(requestContext(CHINESE_BROWSER), form(taken));
    await registerAccount(requestContext(ENGLISH), form(english));

    const [confirm] = await mailTo(free);
    expect(confirm!.subject).toBe(zhEmail.verification.subject);
    expect(confirm!.text).toContain(zhEmail.verification.signUpReason);
    expect(confirm!.text).toMatch(/http:\/\/localhost:3000\/verify-email\/[A-Za-z0-9_-]{43}/);
    const [notice] = await mailTo(taken);
    expect(notice!.subject).toBe(zhEmail.emailTaken.subject);
    expect(notice!.text).toContain("http://localhost:3000/forgot-password");
    const [inEnglish] = await mailTo(english);
    expect(inEnglish!.subject).toBe(enEmail.verification.subject);
    expect(inEnglish!.subject).not.toBe(zhEmail.verification.subject);
  });

  it("sends the reset link and the change-of-address notice in Chinese", async () => {
    const user = await seedUser(db, "王小明");
    await requestPasswordReset(requestContext(CHINESE), { email: user.email });
    const [reset] = await mailTo(user.email);
    expect(reset!.subject).toBe(zhEmail.passwordReset.subject);
    expect(reset!.text).toContain("该链接仅可使用一次，60 分钟内有效");

    const target = uniqueEmail("zh-new");
    await requestEmailChange(
      { ...signedInContext(db, user), locale: "zh-CN" },
      changeEmailInput.parse({ email: target, password: TEST_PASSWORD }),
    );
    const [confirm] = await mailTo(target);
    expect(confirm!.text).toContain(zhEmail.verification.changeReason);
    const token = confirm!.text.match(/verify-email\/([A-Za-z0-9_-]{43})/)![1]!;
    await confirmEmailVerification(requestContext(CHINESE), { token });
    const notices = await mailTo(user.email);
    expect(notices.at(-1)!.subject).toBe(zhEmail.emailChanged.subject);
    expect(notices.at(-1)!.text).toContain(`你的 Agentry 账户的电子邮件地址现在是 ${target}`);
  });

  it("sends an invitation made through the API door with a Chinese cookie in Chinese, role name included", async () => {
    const org = await seedTenant(db, "Owner");
    const invitee = uniqueEmail("zh-invitee");
    await callerFor(db, { user: org.owner, tenantSlug: org.tenant.slug, headers: { cookie: "NEXT_LOCALE=zh-CN" } }).invitations.create({
      email: invitee,
      role: "viewer",
    });
    const [invitation] = await mailTo(invitee);
    expect(invitation!.subject).toBe(`邀请你加入 Agentry 上的 ${org.tenant.name}`);
    expect(invitation!.text).toContain("你受邀以“查看者”身份加入");
    expect(invitation!.text).toMatch(/http:\/\/localhost:3000\/invite\/\S+/);
  });
});
