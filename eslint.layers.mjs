/**
 * The architecture, as lint rules (README "Architecture"):
 *
 *   app ──▶ server ──▶ db          components ──▶ server (never db)
 *
 * - `app/` and `components/` never import `db/`: pages ask the domain, never the tables.
 * - `server/` never imports `app/` or `components/`.
 * - `db/` imports nothing from `server/`.
 * - The domain (everything in `server/` but the doors `server/http/`, `server/trpc/` and the
 *   Auth.js adapter — next-auth.ts and the request it hands Auth.js) never imports the doors: a verb must run the same from tRPC, a route
 *   handler, a script or a job.
 * - `server/guard/` is pure: no database, no file system, no network, no environment.
 *
 * Exported on its own so tests/lint/layers.test.ts can prove each rule fires (on fixtures kept
 * as .txt files so neither the type checker nor the lint run of the tree reads them).
 */

const layer = (name) => `^@/${name}(/.*)?$|^(\\.\\./)+${name}(/.*)?$`;

const restrict = (...patterns) => ["error", { patterns: patterns.map(([regex, message]) => ({ regex, message })) }];

const NO_DB = [layer("db"), "Only server/ talks to db/: call a verb (or import the domain's own constants, e.g. server/tenancy/roles)."];
const NO_APP = [layer("app"), "server/ must not import app/: the domain knows nothing of pages."];
const NO_COMPONENTS = [layer("components"), "server/ must not import components/: the domain knows nothing of the UI."];
const NO_SERVER = [layer("server"), "db/ must not import server/: the storage layer is below the domain."];
const NO_DOORS = [
  "^@/server/(http|trpc)(/.*)?$|^(\\.\\./)+(http|trpc)(/.*)?$",
  "The domain must not import the doors (server/http, server/trpc): take what you need from the context (ctx.meta, ctx.appUrl).",
];
const NO_IO = [
  "^(node:)?(fs|fs/promises|net|tls|http|https|http2|dgram|dns|child_process|worker_threads)$|^@/server/env$|^(\\.\\./)+env$|^@/db(/.*)?$|^(\\.\\./)+db(/.*)?$",
  "server/guard/ is pure: no I/O (database, file system, network, environment). Take inputs as arguments.",
];

const DOORS = ["server/http/**", "server/trpc/**", "server/auth/next-auth.ts", "server/auth/browser-origin-request.ts"];

export const layers = [
  { files: ["app/**/*.{ts,tsx}"], rules: { "no-restricted-imports": restrict(NO_DB) } },
  { files: ["components/**/*.{ts,tsx}"], rules: { "no-restricted-imports": restrict(NO_DB) } },
  { files: ["server/**/*.{ts,tsx}"], ignores: DOORS, rules: { "no-restricted-imports": restrict(NO_APP, NO_COMPONENTS, NO_DOORS) } },
  {
    files: DOORS.map((d) => (d.endsWith(".ts") ? d : `${d}/*.{ts,tsx}`)),
    rules: { "no-restricted-imports": restrict(NO_APP, NO_COMPONENTS) },
  },
  { files: ["db/**/*.ts"], rules: { "no-restricted-imports": restrict(NO_SERVER) } },
  {
    files: ["server/guard/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict(NO_IO, NO_APP, NO_COMPONENTS, NO_DOORS),
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "server/guard/ is pure: take configuration as arguments." },
      ],
      "no-restricted-globals": ["error", { name: "fetch", message: "server/guard/ is pure: no network." }],
    },
  },
];
