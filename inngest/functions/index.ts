import type { InngestFunction } from "inngest";
import { incidentAutoResponse } from "./incident-auto-response";

/**
 * Every function the app serves at /api/inngest (one file each in this folder). The in-process
 * driver and `serve()` both read this list.
 */
export const functions: InngestFunction.Any[] = [incidentAutoResponse];
