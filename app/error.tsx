"use client";

import { useEffect } from "react";
import { ErrorPanel } from "@/components/shell/error-panel";

/** Errors outside the console frame, e.g. on the sign-in page. */
export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main className="flex min-h-dvh items-center justify-center">
      <ErrorPanel error={error} retry={retry} />
    </main>
  );
}
