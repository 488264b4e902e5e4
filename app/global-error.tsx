"use client";

import { useEffect } from "react";
import { ErrorPanel } from "@/components/shell/error-panel";
import "./globals.css";

/**
 * Replaces the root layout when that layout itself fails, so providers and the
 * theme class are missing here; the theme is re-applied from what next-themes stored.
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
    const stored = window.localStorage.getItem("theme");
    const dark =
      stored === "dark" ||
      ((stored === null || stored === "system") &&
        window.matchMedia("(prefers-color-scheme: dark)").matches);
    document.documentElement.classList.toggle("dark", dark);
  }, [error]);

  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-dvh bg-background font-sans text-foreground antialiased">
        <title>Error · Sluice</title>
        <main className="flex min-h-dvh items-center justify-center">
          <ErrorPanel
            error={error}
            retry={retry}
            description="Sluice could not load. It may be a temporary problem — try again, and if it keeps happening, give your administrator the reference below."
          />
        </main>
      </body>
    </html>
  );
}
