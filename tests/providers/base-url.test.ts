import { describe, expect, it } from "vitest";
import { baseUrlProblem, normaliseBaseUrl } from "@/server/agents/credentials/base-url";

describe("provider base URL policy", () => {
  it("takes https anywhere, http only to loopback outside production", () => {
    const dev = { production: false };
    expect(baseUrlProblem("https://api.openai.com/v1", dev)).toBeNull();
    expect(baseUrlProblem("http://localhost:11434/v1", dev)).toBeNull();
    expect(baseUrlProblem("http://127.0.0.1:8000/v1", dev)).toBeNull();
    expect(baseUrlProblem("http://[::1]:8000/v1", dev)).toBeNull();
    expect(baseUrlProblem("http://llm.example.com/v1", dev)).toBe("baseUrlHttps");
    expect(baseUrlProblem("http://10.0.0.5/v1", dev)).toBe("baseUrlHttps");
    expect(baseUrlProblem("ftp://llm.example.com", dev)).toBe("baseUrlHttps");
    expect(baseUrlProblem("nope", dev)).toBe("baseUrlInvalid");
    expect(baseUrlProblem("https://u:p@llm.example.com/v1", dev)).toBe("baseUrlParts");
    expect(baseUrlProblem("https://llm.example.com/v1?x=1", dev)).toBe("baseUrlParts");
    expect(baseUrlProblem("https://llm.example.com/v1#f", dev)).toBe("baseUrlParts");
  });

  it("in production refuses loopback, private, link-local (metadata) and CGNAT literals, even over https", () => {
    const prod = { production: true };
    for (const url of [
      "http://localhost:11434/v1",
      "https://localhost/v1",
      "https://127.0.0.1/v1",
      "https://10.1.2.3/v1",
      "https://172.16.0.1/v1",
      "https://192.168.1.1/v1",
      "https://169.254.169.254/latest",
      "https://100.64.0.1/v1",
      "https://[::1]/v1",
      "https://[fd00::1]/v1",
      "https://[fe80::1]/v1",
      "https://[::ffff:10.0.0.1]/v1",
      "https://0.0.0.0/v1",
      "https://metadata.google.internal/v1",
    ]) {
      expect(baseUrlProblem(url, prod), url).toBe("baseUrlPrivate");
    }
    expect(baseUrlProblem("https://api.anthropic.com", prod)).toBeNull();
    expect(baseUrlProblem("https://8.8.8.8/v1", prod)).toBeNull();
  });

  it("stores the URL without a trailing slash", () => {
    expect(normaliseBaseUrl("https://llm.example.com/v1/")).toBe("https://llm.example.com/v1");
    expect(normaliseBaseUrl("https://LLM.example.com")).toBe("https://llm.example.com");
  });
});
