import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { authLogger } from "@/server/auth/auth-logger";
import { loggerOptions } from "@/server/obs/logger";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ ...loggerOptions, level: "info" }, stream), lines };
}

describe("Auth.js logging", () => {
  it("logs a wrong password as one info line, with no stack and nothing secret", async () => {
    const { log, lines } = capture();
    // What Auth.js hands its logger for our InvalidCredentials (a CredentialsSignin subclass):
    // the subclass's name, the inherited type, our code, a stack and a "Read more" suffix.
    const error = Object.assign(new Error("Read more at https://errors.authjs.dev#credentialssignin"), {
      name: "InvalidCredentials",
      type: "CredentialsSignin",
      code: "invalid_credentials",
    });
    authLogger(log).error!(error);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "info", msg: "sign-in refused", code: "invalid_credentials" });
    const text = JSON.stringify(lines[0]);
    expect(text).not.toMatch(/stack|at .*\.js|Read more/);
  });

  it("keeps real faults as errors, without stack or cause", async () => {
    const { log, lines } = capture();
    const fault = Object.assign(new Error("Bad state. Read more at https://errors.authjs.dev#x"), {
      type: "InvalidCheck",
      cause: { err: new Error("db password=hunter2") },
    });
    authLogger(log).error!(fault);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "error", authError: { name: "InvalidCheck", message: "Bad state" } });
    expect(JSON.stringify(lines[0])).not.toMatch(/hunter2|stack/);
  });
});
