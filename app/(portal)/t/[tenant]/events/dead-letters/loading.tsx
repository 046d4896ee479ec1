import { FilteredListSkeleton } from "@/components/ui/filtered-list-skeleton";

/** The explorer's shape while the stream loads: header, filter bar, then rows. */
export default function Loading() {
  return <FilteredListSkeleton />;
}
