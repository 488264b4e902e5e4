"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";
import { LoaderCircle } from "lucide-react";
import { QueryBox, type QueryProblem } from "./query-box";

/**
 * The query box bound to the URL: a search is `?q=…`, so every result is a
 * link that can be shared, bookmarked or opened again with Back.
 */
export function SearchBar({
  scope,
  query,
  problem,
  placeholder,
}: {
  scope: "assets" | "findings";
  query: string;
  problem: QueryProblem | null;
  placeholder: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();

  function search(next: string) {
    const params = new URLSearchParams(searchParams.toString());
    params.delete("cursor");
    if (next) params.set("q", next);
    else params.delete("q");
    startTransition(() => router.push(`${pathname}?${params.toString()}`));
  }

  return (
    <div className="relative">
      <QueryBox
        scope={scope}
        initialQuery={query}
        problem={problem}
        onSearch={search}
        placeholder={placeholder}
      />
      {pending ? (
        <span role="status" className="absolute top-3 right-28 text-muted-foreground">
          <LoaderCircle aria-hidden className="size-4 animate-spin" />
          <span className="sr-only">Searching…</span>
        </span>
      ) : null}
    </div>
  );
}
