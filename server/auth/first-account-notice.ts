import { withUser } from "@/db";
import { hasAnyUser } from "./identity-lookups";
import { firstAccountBecomesAdmin } from "./sign-up";

/** Whether the sign-up page should say "the first account becomes the platform administrator". */
export async function firstAccountWillBeAdmin(): Promise<boolean> {
  return firstAccountBecomesAdmin() && !(await withUser(null, hasAnyUser));
}
