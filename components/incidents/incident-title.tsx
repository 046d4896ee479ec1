import { useGuardLabels } from "@/components/guard/labels";

/** An incident's title from its stored key (`<detector>.<type>`), in the reader's language. */
export function IncidentTitle({ title }: { title: string }) {
  return <>{useGuardLabels().title(title)}</>;
}
