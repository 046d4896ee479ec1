/**
 * The guards under evaluation, behind one shape: ours (server/guard `scan` with DEFAULT_POLICY, and
 * the classifier alone) and the npm peers that work offline, each in its documented offline mode.
 *
 * - @presidio-dev/hai-guardrails: injection + leakage guards in `pattern` mode (its `heuristic`
 *   mode does not load from the published package: it spawns a piscina worker from a path baked
 *   in at build time, /home/runner/…/heuristic.worker.mjs), PII and secret guards (regex).
 * - @andersmyrmel/vard: default (moderate) preset, with the 10 000-character limit lifted so long
 *   prompts are judged on content rather than refused for length.
 * - @redactpii/node: regex PII redactor, structured rules only (names off: greeting-based guesses).
 */
import { GuardrailsEngine, injectionGuard, leakageGuard, piiGuard, secretGuard, SelectionType } from "@presidio-dev/hai-guardrails";
import vard from "@andersmyrmel/vard";
import { Redactor } from "@redactpii/node";
import { injectionScore, CLASSIFIER_INFO } from "../../../server/guard/classifier";
import { normalize } from "../../../server/guard/normalize";
import { redactedSpans, type Span } from "./spans";

export type System = {
  id: string;
  label: string;
  /** Would this prompt be stopped or flagged? */
  detect?: (text: string) => boolean | Promise<boolean>;
  /** PII ranges it would mask. */
  pii?: (text: string) => Span[] | Promise<Span[]>;
  /** Does it see a secret here? */
  secret?: (text: string) => boolean | Promise<boolean>;
  note: string;
};

type GuardModule = {
  scan: (
    text: string,
    opts: { direction: "input" | "output"; policy: unknown },
  ) => { action: string; findings: { detector: string; start: number; end: number; score: number }[] };
  DEFAULT_POLICY: Record<string, { action: string; threshold: number }>;
};

/** server/guard/index.ts once the guard branch has landed it; null before. */
async function loadGuard(): Promise<GuardModule | null> {
  try {
    const path = "../../../server/guard/index";
    const mod = (await import(path)) as Partial<GuardModule>;
    return mod.scan && mod.DEFAULT_POLICY ? (mod as GuardModule) : null;
  } catch {
    return null;
  }
}

type Finding = { detector: string; start: number; end: number; score: number };
type DetectorModules = {
  injection: (t: string) => Finding[];
  harmful: (t: string) => Finding[];
  secrets: (t: string) => Finding[];
  pii: (t: string) => Finding[];
  policy: Record<string, { action: string; threshold: number }>;
};

/** Before scan() exists: the guard's detectors called one by one with DEFAULT_POLICY's thresholds. */
async function loadDetectors(): Promise<DetectorModules | null> {
  try {
    const base = "../../../server/guard/";
    const [inj, harm, sec, pii, pol] = await Promise.all(
      ["detectors/injection", "detectors/harmful", "detectors/secrets", "detectors/pii", "policy"].map((m) => import(base + m)),
    );
    return {
      injection: inj.detectInjection,
      harmful: harm.detectHarmful,
      secrets: sec.detectSecrets,
      pii: pii.detectPii,
      policy: pol.DEFAULT_POLICY,
    };
  } catch {
    return null;
  }
}

export async function systems(): Promise<{ list: System[]; guardLoaded: boolean }> {
  const list: System[] = [];
  const guard = await loadGuard();
  const detectors = guard ? null : await loadDetectors();
  if (detectors) {
    const { policy } = detectors;
    const over = (fs: Finding[], d: string) => fs.some((f) => f.score >= (policy[d]?.threshold ?? 0.5));
    list.push({
      id: "ours",
      label: "Agentry guard (detectors with DEFAULT_POLICY thresholds; scan() not landed yet)",
      detect: (text) =>
        over(detectors.injection(text), "injection") ||
        over(detectors.harmful(text), "harmful") ||
        over(detectors.secrets(text), "secrets"),
      pii: (text) =>
        detectors
          .pii(text)
          .filter((f) => f.score >= (policy.pii?.threshold ?? 0.5))
          .map((f) => ({ start: f.start, end: f.end })),
      secret: (text) => over(detectors.secrets(text), "secrets"),
      note: "injection, harmful and secrets findings at/above their DEFAULT_POLICY thresholds (block); PII findings at/above the pii threshold",
    });
  }
  if (guard) {
    const policy = guard.DEFAULT_POLICY;
    const at = (detector: string) => policy[detector]?.threshold ?? 0.5;
    list.push({
      id: "ours",
      label: "Agentry guard (scan, default policy)",
      detect: (text) => {
        const v = guard.scan(text, { direction: "input", policy });
        return v.action === "block" || v.action === "flag";
      },
      pii: (text) =>
        guard
          .scan(text, { direction: "input", policy })
          .findings.filter((f) => f.detector === "pii" && f.score >= at("pii"))
          .map((f) => ({ start: f.start, end: f.end })),
      secret: (text) =>
        guard.scan(text, { direction: "input", policy }).findings.some((f) => f.detector === "secrets" && f.score >= at("secrets")),
      note: "block or flag under DEFAULT_POLICY (injection, harmful, secrets, canary…); PII = pii findings at/above the policy threshold",
    });
  }
  list.push({
    id: "classifier",
    label: `Agentry classifier alone (${CLASSIFIER_INFO.version}, score ≥ 0.7, the default block point)`,
    detect: (text) => injectionScore(normalize(text).text) >= 0.7,
    note: "injectionScore on the guard's normalised view; an injection-only model, so harmful rows are not its job",
  });

  const hai = (guards: ConstructorParameters<typeof GuardrailsEngine>[0]["guards"]) => new GuardrailsEngine({ guards });
  const haiInjection = hai([
    injectionGuard({ roles: ["user"] }, { mode: "pattern", threshold: 0.7 }),
    leakageGuard({ roles: ["user"] }, { mode: "pattern", threshold: 0.7 }),
  ]);
  const haiPii = hai([piiGuard({ selection: SelectionType.All })]);
  const haiSecret = hai([secretGuard({ selection: SelectionType.All })]);
  const modified = async (engine: GuardrailsEngine, text: string) => {
    const r = await engine.run([{ role: "user", content: text }]);
    return r.messages[0]?.content ?? text;
  };
  list.push({
    id: "hai",
    label: "@presidio-dev/hai-guardrails 1.12.0 (pattern)",
    detect: async (text) => {
      const r = await haiInjection.run([{ role: "user", content: text }]);
      return r.messagesWithGuardResult.some((g) => g.messages.some((m) => !m.passed));
    },
    pii: async (text) => redactedSpans(text, String(await modified(haiPii, text)), /\[REDACTED-[A-Z0-9-]+\]/),
    secret: async (text) => String(await modified(haiSecret, text)) !== text,
    note: "injection + leakage guards, pattern mode, threshold 0.7; PII/secret guards redact",
  });

  const vardCheck = vard.moderate().maxLength(10_000_000);
  list.push({
    id: "vard",
    label: "@andersmyrmel/vard 1.2.0 (moderate)",
    detect: (text) => {
      try {
        return !vardCheck.safeParse(text).safe;
      } catch {
        return true;
      }
    },
    note: "moderate preset, length limit lifted",
  });

  const redactor = new Redactor({ rules: { CREDIT_CARD: true, EMAIL: true, PHONE: true, SSN: true, NAME: false } });
  list.push({
    id: "redactpii",
    label: "@redactpii/node 1.0.17",
    pii: (text) =>
      redactedSpans(
        text,
        redactor.redact(text),
        /\b(?:PERSON_NAME|EMAIL_ADDRESS|PHONE_NUMBER|CREDIT_CARD_NUMBER|CREDIT_CARD|US_SOCIAL_SECURITY_NUMBER|SSN)\b/,
      ),
    note: "cards, emails, phones, SSNs (names off)",
  });
  return { list, guardLoaded: guard !== null };
}
