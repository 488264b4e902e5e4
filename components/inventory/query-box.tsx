"use client";

import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { Search, X } from "lucide-react";
import { compileQuery } from "@/lib/query/compile";
import { isQueryError } from "@/lib/query/errors";
import { assetCatalogue, findingCatalogue } from "@/lib/query/fields";
import { suggest, type Suggestion } from "@/lib/query/suggest";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { controlClasses } from "@/components/ui/input";

export type QueryProblem = { message: string; column: number };

const catalogues = { assets: assetCatalogue, findings: findingCatalogue };

const kindLabels: Record<Suggestion["kind"], string> = {
  field: "field",
  relation: "group",
  value: "value",
  keyword: "operator",
};

// Checking waits for a pause in typing, so a half-typed token is not flagged.
const CHECK_DELAY_MS = 450;

function check(query: string, scope: keyof typeof catalogues): QueryProblem | null {
  try {
    compileQuery(query, catalogues[scope]);
    return null;
  } catch (error) {
    if (isQueryError(error)) return { message: error.message, column: error.column };
    return { message: "This query cannot be read.", column: 1 };
  }
}

/**
 * The search box of the inventory and findings pages. Suggestions come from
 * the field catalogue in the browser (no round trip per key): ↑/↓ move, Enter
 * or Tab pick, Esc closes; Enter with the list closed runs the search. The
 * query is also checked in the browser, and the server's verdict (`problem`)
 * is shown the same way after a search.
 */
export function QueryBox({
  scope,
  initialQuery,
  problem,
  onSearch,
  placeholder,
}: {
  scope: keyof typeof catalogues;
  initialQuery: string;
  problem: QueryProblem | null;
  onSearch: (query: string) => void;
  placeholder: string;
}) {
  const id = useId();
  const listId = `${id}-suggestions`;
  const errorId = `${id}-error`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState(initialQuery);
  const [cursor, setCursor] = useState(initialQuery.length);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [checked, setChecked] = useState<{ query: string; problem: QueryProblem | null }>({
    query: initialQuery,
    problem,
  });
  // A new search (back/forward, a saved query) replaces what is typed.
  const [shown, setShown] = useState(initialQuery);
  if (initialQuery !== shown) {
    setShown(initialQuery);
    setQuery(initialQuery);
    setChecked({ query: initialQuery, problem });
  }

  useEffect(() => {
    if (query === checked.query) return;
    const timer = setTimeout(
      () => setChecked({ query, problem: check(query, scope) }),
      CHECK_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [query, checked.query, scope]);

  const suggestions = useMemo(
    () => (open ? suggest(query, cursor, catalogues[scope]) : null),
    [open, query, cursor, scope],
  );
  const items = suggestions?.items.slice(0, 12) ?? [];
  const listOpen = open && items.length > 0;
  const shownProblem = checked.query === query ? checked.problem : null;

  function pick(item: Suggestion) {
    if (!suggestions) return;
    const next = query.slice(0, suggestions.from) + item.insert + query.slice(suggestions.to);
    const position = suggestions.from + item.insert.length;
    setQuery(next);
    setCursor(position);
    setActive(-1);
    // Keep suggesting: after `os:` the values come next.
    setOpen(true);
    requestAnimationFrame(() => {
      inputRef.current?.setSelectionRange(position, position);
    });
  }

  function submit() {
    setOpen(false);
    setActive(-1);
    setChecked({ query, problem: check(query, scope) });
    onSearch(query.trim());
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open) setOpen(true);
      setActive((i) => (items.length ? (i + 1) % items.length : -1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => (items.length ? (i <= 0 ? items.length - 1 : i - 1) : -1));
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (listOpen && active >= 0) pick(items[active]);
      else submit();
    } else if (event.key === "Tab" && listOpen && active >= 0) {
      event.preventDefault();
      pick(items[active]);
    } else if (event.key === "Escape") {
      if (listOpen) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      }
    }
  }

  return (
    <div className="relative">
      <form
        role="search"
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="relative min-w-0 flex-1">
          <Search
            aria-hidden
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
          />
          <input
            ref={inputRef}
            type="text"
            role="combobox"
            aria-label="Query"
            aria-expanded={listOpen}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={listOpen && active >= 0 ? `${listId}-${active}` : undefined}
            aria-invalid={shownProblem ? true : undefined}
            aria-describedby={shownProblem ? errorId : undefined}
            spellCheck={false}
            autoComplete="off"
            placeholder={placeholder}
            className={cn(controlClasses, "h-10 pr-9 pl-9 font-mono text-[13px]")}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setCursor(e.target.selectionStart ?? e.target.value.length);
              setOpen(true);
              setActive(-1);
            }}
            onSelect={(e) => setCursor(e.currentTarget.selectionStart ?? 0)}
            onFocus={() => setOpen(true)}
            onBlur={() => setOpen(false)}
            onKeyDown={onKeyDown}
          />
          {query ? (
            <button
              type="button"
              aria-label="Clear query"
              className="focus-ring absolute top-1/2 right-2 -translate-y-1/2 rounded p-1 text-muted-foreground hover:text-foreground"
              onClick={() => {
                setQuery("");
                setCursor(0);
                inputRef.current?.focus();
              }}
            >
              <X aria-hidden className="size-3.5" />
            </button>
          ) : null}
          {listOpen ? (
            <ul
              id={listId}
              role="listbox"
              aria-label="Suggestions"
              className="absolute top-full right-0 left-0 z-40 mt-1 max-h-80 overflow-y-auto rounded-lg border border-border bg-popover p-1 text-popover-foreground shadow-lg"
            >
              {items.map((item, index) => (
                <li
                  key={`${item.kind}-${item.label}-${index}`}
                  id={`${listId}-${index}`}
                  role="option"
                  aria-selected={index === active}
                  className={cn(
                    "flex cursor-default items-baseline gap-2 rounded-md px-2 py-1.5 text-sm",
                    index === active ? "bg-accent text-accent-foreground" : "hover:bg-muted/60",
                  )}
                  // mousedown, not click: the input must not lose focus first.
                  onMouseDown={(e) => {
                    e.preventDefault();
                    pick(item);
                  }}
                  onMouseEnter={() => setActive(index)}
                >
                  <span className="font-mono text-[13px] font-medium">{item.label}</span>
                  <span className="text-[11px] tracking-wide text-muted-foreground uppercase">
                    {kindLabels[item.kind]}
                  </span>
                  {item.detail ? (
                    <span className="ml-auto truncate pl-3 text-xs text-muted-foreground">
                      {item.detail}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <Button type="submit" className="h-10">
          Search
        </Button>
      </form>
      <div aria-live="polite">
        {shownProblem ? (
          <p id={errorId} className="mt-2 text-[13px] text-destructive">
            <span className="font-medium">Column {shownProblem.column}:</span>{" "}
            {shownProblem.message}
            <QueryPointer query={query} column={shownProblem.column} />
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** The query again with a caret under the column the error points at. */
function QueryPointer({ query, column }: { query: string; column: number }) {
  if (!query || column < 1 || column > query.length + 1) return null;
  const start = Math.max(0, column - 40);
  return (
    <span
      aria-hidden
      className="mt-1 block overflow-x-auto font-mono text-xs whitespace-pre text-muted-foreground"
    >
      {query.slice(start, column - 1)}
      <span className="rounded-sm bg-destructive/15 text-destructive underline decoration-wavy">
        {query.slice(column - 1, column) || " "}
      </span>
      {query.slice(column, column + 40)}
    </span>
  );
}
