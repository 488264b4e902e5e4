"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Bookmark, BookmarkPlus, Link2, X } from "lucide-react";
import { toast } from "sonner";
import { deleteSavedQueryAction, saveQueryAction } from "@/lib/inventory/actions";
import type { SavedQueryScope } from "@/lib/inventory/schema";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { resultMessage } from "@/components/settings/action-result";

export type SavedQueryItem = { id: string; name: string; query: string };

/** Saved queries as one-click chips, plus "save this query" and "copy link". */
export function SavedQueries({
  scope,
  query,
  saved,
}: {
  scope: SavedQueryScope;
  query: string;
  saved: SavedQueryItem[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function save() {
    startTransition(async () => {
      const result = await saveQueryAction({ scope, name, query });
      const failure = resultMessage(result);
      if (failure) {
        setError(failure);
        return;
      }
      setOpen(false);
      setName("");
      toast.success(`Saved “${name.trim()}”`);
      router.refresh();
    });
  }

  function remove(item: SavedQueryItem) {
    startTransition(async () => {
      const failure = resultMessage(await deleteSavedQueryAction({ id: item.id }));
      if (failure) toast.error("Could not delete the saved query", { description: failure });
      else {
        toast.success(`Deleted “${item.name}”`);
        router.refresh();
      }
    });
  }

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(window.location.href);
      toast.success("Link copied", { description: "It opens this search with the same query." });
    } catch {
      toast.error("Could not copy; copy the address bar instead.");
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {saved.length ? (
        <ul aria-label="Saved queries" className="flex flex-wrap items-center gap-1.5">
          {saved.map((item) => (
            <li
              key={item.id}
              className="inline-flex h-7 items-center rounded-md border border-border bg-card text-[13px] shadow-xs"
            >
              <Link
                href={`${pathname}?q=${encodeURIComponent(item.query)}`}
                title={item.query}
                className="focus-ring inline-flex items-center gap-1.5 rounded-l-md px-2 hover:text-primary"
              >
                <Bookmark aria-hidden className="size-3.5 text-muted-foreground" />
                {item.name}
              </Link>
              <button
                type="button"
                aria-label={`Delete saved query ${item.name}`}
                disabled={pending}
                onClick={() => remove(item)}
                className="focus-ring rounded-r-md px-1.5 text-muted-foreground hover:text-destructive"
              >
                <X aria-hidden className="size-3.5" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <Button
        variant="ghost"
        size="sm"
        disabled={!query}
        title={query ? undefined : "Type a query first"}
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        <BookmarkPlus aria-hidden />
        Save query
      </Button>
      <Button variant="ghost" size="sm" onClick={copyLink}>
        <Link2 aria-hidden />
        Copy link
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Save this query</DialogTitle>
            <DialogDescription>
              Everyone in your tenant sees saved queries. Saving under an existing name replaces it.
            </DialogDescription>
          </DialogHeader>
          <form
            className="grid gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
          >
            <code className="rounded-md bg-muted px-2 py-1.5 font-mono text-xs break-all">
              {query}
            </code>
            <div className="grid gap-1.5">
              <Label htmlFor="saved-query-name">Name</Label>
              <Input
                id="saved-query-name"
                value={name}
                maxLength={80}
                onChange={(e) => setName(e.target.value)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? "saved-query-error" : undefined}
                autoFocus
              />
              {error ? (
                <p id="saved-query-error" className="text-[13px] text-destructive">
                  {error}
                </p>
              ) : null}
            </div>
            <DialogFooter>
              <Button variant="secondary" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending || !name.trim()}>
                {pending ? "Saving…" : "Save"}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </div>
  );
}
