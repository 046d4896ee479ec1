import { describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createApiKeyInput } from "@/server/api-keys/create-api-key";
import { signUpInput } from "@/server/auth/sign-up";
import { localeFromHeaders } from "@/server/i18n/server-messages";
import { fieldMessages, validationMessage } from "@/server/i18n/validation-message";
import { createTenantInput } from "@/server/tenancy/create-tenant";
import { ValidationError } from "@/server/errors";
import { errorEnvelope } from "@/server/trpc/error-shape";

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error("expected a failure");
  return parsed.error.issues;
};

describe("server-side validation messages", () => {
  it("speaks the reader's language for the portal's own schemas", () => {
    const signUp = issuesOf(signUpInput, { name: " ", email: "nope", password: "x" });
    expect(fieldMessages(signUp, "zh-CN")).toEqual({ name: "请输入你的姓名", email: "请输入有效的电子邮件地址，例如 name@example.com" });
    expect(fieldMessages(signUp, "en")).toEqual({ name: "Enter your name", email: "Enter a valid e-mail address, like name@example.com" });

    const org = issuesOf(createTenantInput, { name: "x", slug: "y".repeat(41) });
    expect(fieldMessages(org, "zh-CN")).toEqual({ name: "至少 2 个字符", slug: "最多 40 个字符" });

    const key = issuesOf(createApiKeyInput, { name: "a\nb", scopes: [] });
    expect(fieldMessages(key, "zh-CN")).toEqual({ name: "请删除控制字符（例如换行符）", scopes: "请至少选择一个权限范围" });
  });

  it("names issues no schema wrote a message for by their code, so later validators are covered", () => {
    const schema = z
      .object({ id: z.uuid(), day: z.iso.date(), n: z.number().max(5), kind: z.enum(["a", "b"]), tags: z.array(z.string()).max(1) })
      .strict();
    const issues = issuesOf(schema, { id: "x", day: "2026-13-45", n: 9, kind: "c", tags: ["1", "2"], extra: 1 });
    const zh = issues.map((issue) => validationMessage(issue, "zh-CN"));
    expect(zh).toEqual([
      "不是有效的 ID",
      "请使用 2026-01-31 这样的日期",
      "不能大于 5",
      "请从以下选项中选择：a, b",
      "最多 1 项",
      "未知字段：extra",
    ]);
    // Nothing falls through in English as a raw zod message either.
    for (const issue of issues) expect(validationMessage(issue, "en")).not.toMatch(/Invalid|Too (big|small)/);
  });

  it("takes the locale from the saved choice, then Accept-Language", () => {
    expect(localeFromHeaders(new Headers({ cookie: "a=1; NEXT_LOCALE=zh-CN", "accept-language": "en" }))).toBe("zh-CN");
    expect(localeFromHeaders(new Headers({ cookie: "NEXT_LOCALE=xx", "accept-language": "zh-TW,zh;q=0.9" }))).toBe("zh-CN");
    expect(localeFromHeaders(new Headers())).toBe("en");
  });

  it("writes the tRPC/REST error envelope in the request's language", () => {
    const zodError = createTenantInput.safeParse({ name: "x", slug: "ok" }).error!;
    const zh = errorEnvelope(new TRPCError({ code: "BAD_REQUEST", cause: zodError }), "req-1", "zh-CN");
    expect(zh).toMatchObject({ code: "validation_failed", message: "有些字段需要修改。", details: { fields: { name: "至少 2 个字符" } } });
    const en = errorEnvelope(new TRPCError({ code: "BAD_REQUEST", cause: zodError }), "req-1", "en");
    expect(en).toMatchObject({ message: "The input is not valid.", details: { fields: { name: "At least 2 characters" } } });

    const weak = new ValidationError(
      "The password needs at least 10 characters.",
      { password: "The password needs at least 10 characters." },
      "weak_password",
    );
    const domain = errorEnvelope(new TRPCError({ code: "BAD_REQUEST", cause: weak }), "req-2", "zh-CN");
    expect(domain.message).toMatch(/^请设置更强的密码/);
    expect(domain.details).toEqual({ fields: { password: domain.message } });
  });
});
