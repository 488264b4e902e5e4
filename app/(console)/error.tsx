"use client";

import { useEffect } from "react";
import { ErrorPanel } from "@/components/shell/error-panel";

export default function ConsoleError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    // Shows up in the browser console next to the digest the server logged.
    console.error(error);
  }, [error]);
  return <ErrorPanel error={error} retry={retry} />;
}
