import type { SearchHitDto } from "@/server/knowledge/search-page";

/** A search hit's passage with the query's words marked. */
export function Snippet({ snippet }: { snippet: SearchHitDto["snippet"] }) {
  return (
    <p className="whitespace-pre-line break-words text-sm text-slate-700">
      {snippet.cutStart ? "… " : null}
      {snippet.parts.map((part, i) =>
        part.match ? (
          <mark key={i} className="rounded bg-amber-100 px-0.5 text-slate-900">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
      {snippet.cutEnd ? " …" : null}
    </p>
  );
}
