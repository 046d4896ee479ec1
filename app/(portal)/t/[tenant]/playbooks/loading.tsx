import { FilteredListSkeleton } from "@/components/ui/filtered-list-skeleton";

/** The playbooks page's shape while it loads. */
export default function Loading() {
  return <FilteredListSkeleton />;
}
