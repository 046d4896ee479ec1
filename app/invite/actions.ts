"use server";

import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import { serverCaller } from "@/server/http/rsc";

export type AcceptState = { error: string; message: string } | null;

/** Accepts through the same procedure as every other door, then opens the organisation. */
export async function acceptInvitationAction(_: AcceptState, form: FormData): Promise<AcceptState> {
  let slug: string;
  try {
    const result = await (await serverCaller()).invitations.accept({ token: String(form.get("token") ?? "") });
    slug = result.tenantSlug;
  } catch (error) {
    if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") {
      const code = (error.cause as { code?: string } | undefined)?.code ?? "generic";
      return { error: code, message: error.message };
    }
    throw error;
  }
  redirect(`/t/${slug}`);
}
