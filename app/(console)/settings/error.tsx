"use client";

import { useEffect } from "react";
import { ErrorPanel } from "@/components/shell/error-panel";

// Its own boundary so a failing settings page keeps the settings tabs around it.
export default function SettingsError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return <ErrorPanel error={error} retry={retry} title="This settings page could not be loaded" />;
}
