import { redirect } from "next/navigation";
import { currentUser } from "@/server/http/rsc";

/** The front door: your organisations when signed in, otherwise sign-in. */
export default async function Home() {
  redirect((await currentUser()) ? "/orgs" : "/sign-in");
}
