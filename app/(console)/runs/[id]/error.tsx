"use client";

import { useEffect } from "react";
import { ErrorPanel } from "@/components/shell/error-panel";

export default function RunError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return <ErrorPanel error={error} retry={retry} title="This run could not be loaded" />;
}
