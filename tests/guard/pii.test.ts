import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, scan } from "@/server/guard";
import { cardNetwork, luhn, validChineseId, validIban, validSsn } from "@/server/guard/detectors/checksums";
import { findingsOf } from "./helpers";

const pii = (text: string) => findingsOf(text, "pii").map((f) => [f.type, f.text]);

describe("PII: checksummed identifiers", () => {
  it.each([
    ["Visa", "4111 1111 1111 1111"],
    ["Visa, plain", "4111111111111111"],
    ["Mastercard", "5555-5555-5555-4444"],
    ["Mastercard 2-series", "2223003122003222"],
    ["Amex", "3782 822463 10005"],
    ["Discover", "6011111111111117"],
    ["JCB", "3530111333300000"],
    ["UnionPay", "6200000000000005"],
  ])("card: %s", (_, card) => {
    expect(pii(`Please charge ${card} today.`)).toEqual([["credit_card", card]]);
  });

  it.each([
    ["Luhn-invalid", "4111 1111 1111 1112"],
    ["unknown issuer", "9111111111111111"],
    ["odd grouping", "41 1111111 111 1111"],
    ["repeated digit", "0000000000000000"],
  ])("not a card: %s", (_, digits) => {
    expect(pii(`Reference ${digits} attached.`).filter(([t]) => t === "credit_card")).toEqual([]);
  });

  it("IBAN: mod-97 and country length", () => {
    expect(pii("Wire it to GB82WEST12345698765432 please")).toEqual([["iban", "GB82WEST12345698765432"]]);
    expect(pii("IBAN DE89 3704 0044 0532 0130 00.")).toEqual([["iban", "DE89 3704 0044 0532 0130 00"]]);
    expect(pii("IBAN GB82WEST12345698765433")).toEqual([]); // check digits wrong
    expect(pii("IBAN DE89370400440532013")).toEqual([]); // German IBANs have 22 characters
  });

  it("Chinese resident ID: GB 11643 check character and a real birth date", () => {
    expect(pii("身份证号11010519491231002X，请核对")).toEqual([["cn_resident_id", "11010519491231002X"]]);
    expect(pii("身份证号110105194912310021")).toEqual([]); // wrong check character
    expect(pii("身份证号110105194902300025")).toEqual([]); // 30 February
  });

  it("US SSN: area, group and serial rules", () => {
    expect(pii("SSN 123-45-6789 on file")).toEqual([["us_ssn", "123-45-6789"]]);
    for (const bad of ["000-12-3456", "666-12-3456", "912-12-3456", "123-00-4567", "123-45-0000"]) expect(pii(`SSN ${bad}`)).toEqual([]);
  });

  it("exposes the validators", () => {
    expect(luhn("79927398713")).toBe(true);
    expect(luhn("79927398710")).toBe(false);
    expect(cardNetwork("378282246310005")).toBe("amex");
    expect(validIban("NL91ABNA0417164300")).toBe(true);
    expect(validChineseId("11010519491231002x")).toBe(true);
    expect(validSsn("078", "05", "1120")).toBe(false);
  });
});

describe("PII: e-mail, phone, IP", () => {
  it("e-mail addresses", () => {
    expect(pii("Write to jane.doe+tag@example.co.uk or 李雷@例子 for help")).toEqual([["email", "jane.doe+tag@example.co.uk"]]);
  });

  it.each([
    ["E.164", "+1 415 555 0134"],
    ["US", "(415) 555-0134"],
    ["US dashes with extension", "415-555-0134 x204"],
    ["UK international", "+44 20 7946 0958"],
    ["UK mobile", "07700 900123"],
    ["Germany", "+49 30 12345678"],
    ["Germany national", "030 12345678"],
    ["France", "01 23 45 67 89"],
    ["France dotted", "01.23.45.67.89"],
    ["China mobile", "138 0013 8000"],
    ["China international", "+86 138 0013 8000"],
    ["India", "+91 98765 43210"],
    ["India national", "98765 43210"],
    ["Japan", "03-1234-5678"],
    ["Japan mobile", "090-1234-5678"],
  ])("phone: %s", (_, phone) => {
    expect(pii(`You can reach me on ${phone} tomorrow.`)).toEqual([["phone", phone]]);
  });

  it("a bare digit group is a phone only next to a phone word", () => {
    expect(pii("Phone:\n467 3395")).toEqual([["phone", "467 3395"]]);
    expect(pii("电话：9472 7916")).toEqual([["phone", "9472 7916"]]);
    expect(pii("We shipped 467 3395 units in 2024.")).toEqual([]);
  });

  it.each([
    "The meeting is on 2024-01-15 at 10:30.",
    "Version 1.2.3.4 fixed it.",
    "Order number 12345678 shipped.",
    "The population was 1,234,567 in 2020.",
    "Our offices are located at 6556 106 Rue Ettatawer.",
    "π ≈ 3.14159265358979",
  ])("no PII in: %s", (text) => {
    expect(pii(text).filter(([t]) => t !== "ip_address")).toEqual([]);
  });

  it("IP addresses are reported at low severity and not acted on by default", () => {
    const v = scan("Server at 192.168.10.24 is down", { direction: "input", policy: DEFAULT_POLICY });
    expect(v.findings).toMatchObject([{ type: "ip_address", severity: "low" }]);
    expect(v.action).toBe("allow");
  });

  it("overlaps resolve to the better-validated type", () => {
    expect(pii("card 4111111111111111")).toEqual([["credit_card", "4111111111111111"]]);
  });

  it("redacts PII under the default policy", () => {
    const v = scan("Card 4111 1111 1111 1111, mail bob@example.com.", { direction: "output", policy: DEFAULT_POLICY });
    expect(v.action).toBe("redact");
    expect(v.redacted).toBe("Card [REDACTED:credit_card], mail [REDACTED:email].");
  });
});
