import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, scan } from "@/server/guard";
import { findingsOf, join } from "./helpers";

const secrets = (text: string) => findingsOf(text, "secrets").map((f) => [f.type, f.text]);
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");

const AWS_ID = join("AKIA", "IOSFODNN7", "EXAMPLE");
const AWS_SECRET = join("wJalrXUtnFEMI/K7MDENG/", "bPxRfiCYEXAMPLEKEY");
const JWT = `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url({ sub: "1234567890", name: "Jane", iat: 1516239022 })}.${"SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"}`;

describe("secrets: provider shapes", () => {
  it.each([
    ["aws_access_key", AWS_ID],
    ["stripe_key", join("sk_", "live_", "4eC39HqLyjWDarjtT1zdp7dc")],
    ["stripe_key", join("rk_", "live_", "51H8sJ2eZvKYlo2C0aBcDeFg")],
    ["stripe_webhook_secret", join("whsec_", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")],
    ["github_token", join("ghp_", "XIxB7KMNdAr3zqWtQqhE94qglHqOzn1D1stg")],
    ["github_token", join("gho_", "psT9pqNFsehnc4se0ZzzR0HBxapxZD35hNHi")],
    ["github_token", join("github_pat_", "11AALKJEA04kc5Z9kNGzwK_zLv1venPjF9IFl5QvO2plAgKD9KWmCiq6seyWr9nftbTMABK664eCS9JYG2")],
    ["gitlab_token", join("glpat-", "tFrjFXD7soVU2fqxuDMh")],
    ["slack_token", join("xoxb-", "893582989554-899326518131-JRHeVv1o9Cf99fwDpuortR2D")],
    ["openai_key", join("sk-proj-", "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9oPq2rSt5uVw8x")],
    ["openai_key", join("sk-", "Ab3dEf6hIj9kLm2nOp5qRs8t", "T3BlbkFJ", "Uv1wXy4zAb7cDe0fGh3iJk6l")],
    [
      "anthropic_key",
      join("sk-ant-", "api03-", "jSq6OMjv1syXaEUE0bvOckLe_GtCKy8lvZdko3eOJgV8TH-f2iyzRekyZNSby5d9ScikGYuqQhsrxML3X3N3rQ-XwQaQAAA"),
    ],
    ["huggingface_token", join("hf_", "jYCNNYmxuBtgRinmPTvAmeHMXzbXxYAdwF")],
    ["google_api_key", join("AIza", "SyB4sU8lU15bR_87qNb7eUVQN72_vv8mpbU")],
    ["sendgrid_key", join("SG.", "slEPQhoGSdSjiy1sXXl94Q", ".", "xzKsq_jte-ajHFJgBltwdaZCf99H2fjBQ41eNHLt79g")],
    ["jwt", JWT],
  ])("%s", (type, secret) => {
    expect(secrets(`config: ${secret}\n`)).toContainEqual([type, secret]);
  });

  it("Azure storage keys inside connection strings (the span is the key)", () => {
    const key = join("6jqh42QQjWWBwoPGGR/Jr0PZjhBMZVbHm/gkhEfHvOj8aV6+", "oI8ed6ZAAwB5m793WqyQDiduJJB0QpseJwqYxw==");
    expect(secrets(`DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${key};EndpointSuffix=core.windows.net`)).toEqual([
      ["azure_storage_key", key],
    ]);
  });

  it("GCP service account JSON and PEM private keys", () => {
    const sa = `{"type": "service_account", "project_id": "demo", "private_key": "${join("-----BEGIN ", "PRIVATE KEY-----")}\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n${join("-----END ", "PRIVATE KEY-----")}\\n"}`;
    const types = secrets(sa).map(([t]) => t);
    expect(types).toContain("gcp_service_account");
    expect(types).toContain("private_key");
    const pem = join(
      "-----BEGIN RSA ",
      "PRIVATE KEY-----\nMIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgwMbRvI0MBZhpF\n-----END RSA ",
      "PRIVATE KEY-----",
    );
    expect(secrets(`key:\n${pem}\nbye`)).toEqual([["private_key", pem]]);
  });

  it("a PEM header without its END line covers everything after it", () => {
    const text = join("here: -----BEGIN OPENSSH ", "PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAA");
    expect(secrets(text)).toEqual([["private_key", text.slice(6)]]);
  });

  it("pairs an AWS key id with its secret", () => {
    expect(secrets(`aws_access_key_id = ${AWS_ID}\naws_secret_access_key = ${AWS_SECRET}`)).toEqual([
      ["aws_access_key", AWS_ID],
      ["aws_secret_key", AWS_SECRET],
    ]);
    expect(secrets(`${AWS_ID} ${AWS_SECRET}`)).toContainEqual(["aws_secret_key", AWS_SECRET]);
  });

  it("JWTs are confirmed by decoding the header", () => {
    const notJwt = `eyJub3QiOiJhIHRva2VuIn0.eyJzdWIiOiIxIn0.${"x".repeat(20)}`; // header has no alg/typ
    expect(secrets(notJwt)).toEqual([]);
  });
});

describe("secrets: generic assignments", () => {
  it.each([
    ['api_key = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"', "9f8e7d6c5b4a39281706f5e4d3c2b1a0"],
    ["DB_PASSWORD=Tr0ub4dor&3xyz", "Tr0ub4dor&3xyz"],
    ['"client_secret": "p8e-ibndcvsmAp9ZgPBZ606FSlYIZVlsZ-g5"', "p8e-ibndcvsmAp9ZgPBZ606FSlYIZVlsZ-g5"],
    ["The password is 'Secret123'", "Secret123"],
    ["mongodb://admin:S3cretPass@db.example.com:27017/app", "mongodb://admin:S3cretPass@db.example.com:27017/app"],
  ])("%s", (text, value) => {
    expect(secrets(text).map(([, v]) => v)).toContain(value);
  });

  it.each([
    "password = process.env.DB_PASSWORD",
    'api_key = "${API_KEY}"',
    'token: "<your token here>"',
    "password: ********",
    'TAVILY_API_KEY = "xxxxxxxxxxxxxxxx"',
    "Your password must be at least 12 characters long.",
    "Reset your password at https://example.com/reset.",
    "passwordLabel: 'Password:'",
    "const token = getToken(user);",
    "AKIA is the prefix of AWS access key ids.",
  ])("not a secret: %s", (text) => {
    expect(secrets(text)).toEqual([]);
  });
});

describe("secrets: fixed vendor shapes", () => {
  it("a name that says AWS secret key holds 40 base64 characters: another shape there is not that key", () => {
    expect(secrets("export AWS_SECRET_ACCESS_KEY=0f3b9c27d41e8a6b5c0d9e7f1a2b3c4d5e6f708192")).toEqual([]);
    expect(secrets("aws_access_key_id = 9f8e7d6c5b4a39281706")).toEqual([]);
    expect(secrets(`export AWS_SECRET_ACCESS_KEY=${AWS_SECRET}`)).toEqual([["aws_secret_key", AWS_SECRET]]);
  });

  it("Okta tokens are exactly 42 characters: a longer run is not one (only the generic rule judges it)", () => {
    const token = join("00", "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0f");
    expect(secrets(`okta_api_token: ${token}`)).toEqual([["okta_token", token]]);
    expect(secrets(`okta_api_token: ${token}Gh`).map(([t]) => t)).not.toContain("okta_token");
    expect(secrets(`okta_api_token: ${"0".repeat(42)}aa`)).toEqual([]);
  });
});

describe("secrets: verdict", () => {
  it("blocks by default and masks the value", () => {
    const secret = join("ghp_", "XIxB7KMNdAr3zqWtQqhE94qglHqOzn1D1stg");
    const v = scan(`use ${secret} to push`, { direction: "output", policy: DEFAULT_POLICY });
    expect(v.action).toBe("block");
    expect(v.riskLevel).toBe("critical");
    expect(v.redacted).toBe("use [REDACTED:github_token] to push");
    expect(v.components.secrets).toBeGreaterThan(0.9);
  });

  it("digits inside a credential are not also reported as a phone number", () => {
    const text = join("bot token 4839574813:", "AAFD39kkdpWt3ywyRZergyOLMaJhac61qc");
    const v = scan(`phone ${text}`, { direction: "input", policy: DEFAULT_POLICY });
    expect(v.findings.map((f) => f.type)).toEqual(["telegram_bot_token"]);
  });
});
