import { redirect } from "next/navigation";
import { LandingPage } from "@/components/landing/landing-page";
import { currentUser } from "@/server/http/rsc";

/** The front door: your organisations when signed in, otherwise what Agentry is and the ways in. */
export default async function Home() {
  if (await currentUser()) redirect("/orgs");
  return <LandingPage />;
}
