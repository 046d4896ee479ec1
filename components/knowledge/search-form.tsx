import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";

/** A GET form: the query lives in the URL, so a search can be linked, reloaded and gone back to. */
export async function SearchForm({
  action,
  q = "",
  collectionId = "",
  collections,
}: {
  action: string;
  q?: string;
  collectionId?: string;
  collections: { id: string; name: string }[];
}) {
  const t = await getTranslations("knowledge");
  return (
    <form action={action} method="get" role="search" className="flex flex-col gap-2 sm:flex-row">
      <label htmlFor="knowledge-q" className="sr-only">
        {t("searchLabel")}
      </label>
      <Input
        id="knowledge-q"
        name="q"
        type="search"
        defaultValue={q}
        maxLength={500}
        placeholder={t("searchPlaceholder")}
        className="flex-1"
      />
      {collections.length > 0 ? (
        <>
          <label htmlFor="knowledge-collection" className="sr-only">
            {t("collection")}
          </label>
          <Select id="knowledge-collection" name="collection" defaultValue={collectionId} className="sm:w-56">
            <option value="">{t("allCollections")}</option>
            {collections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </>
      ) : null}
      <button type="submit" className={buttonClasses("primary", "md")}>
        {t("searchButton")}
      </button>
    </form>
  );
}
