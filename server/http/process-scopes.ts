/**
 * The process's database doors, for the app layer's server actions and pages: `app/` talks to
 * `server/`, never to `db/` (the layering lint enforces it). Verbs receive these scopes and open
 * their own transactions with them.
 */
export { scopes } from "@/db";
