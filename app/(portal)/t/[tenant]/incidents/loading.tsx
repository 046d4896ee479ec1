import { FilteredListSkeleton } from "@/components/ui/filtered-list-skeleton";

/** The incidents page's shape while it loads: header, filter bar, then rows. */
export default function Loading() {
  return <FilteredListSkeleton />;
}
