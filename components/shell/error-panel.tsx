"use client";

import Link from "next/link";
import { RotateCcw, TriangleAlert } from "lucide-react";
import { Button, buttonClasses } from "@/components/ui/button";

/** Server errors reach the browser without their message (by design), only with a digest to find them in the server log. */
export function errorDigest(error: unknown): string | undefined {
  if (error && typeof error === "object" && "digest" in error && typeof error.digest === "string") {
    return error.digest;
  }
  return undefined;
}

export function ErrorPanel({
  error,
  retry,
  title = "Something went wrong",
  description = "This page could not be loaded. It may be a temporary problem — try again, and if it keeps happening, give your administrator the reference below.",
}: {
  error: unknown;
  retry: () => void;
  title?: string;
  description?: string;
}) {
  const digest = errorDigest(error);
  return (
    <div
      role="alert"
      className="mx-auto flex max-w-lg flex-col items-center px-6 py-16 text-center"
    >
      <div className="mb-4 flex size-11 items-center justify-center rounded-full bg-destructive/10 text-destructive">
        <TriangleAlert aria-hidden className="size-5" strokeWidth={1.9} />
      </div>
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="mt-1.5 text-sm text-muted-foreground">{description}</p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <Button onClick={() => retry()}>
          <RotateCcw aria-hidden />
          Try again
        </Button>
        <Link href="/" className={buttonClasses({ variant: "secondary" })}>
          Go to dashboard
        </Link>
      </div>
      {digest ? (
        <p className="mt-6 text-xs text-muted-foreground">
          Reference <code className="rounded bg-muted px-1 py-0.5 font-mono">{digest}</code>
        </p>
      ) : null}
    </div>
  );
}
