import { FilteredListSkeleton } from "@/components/ui/filtered-list-skeleton";

/** The audit page's shape while its entries load: header, filter bar, then rows. */
export default function Loading() {
  return <FilteredListSkeleton />;
}
