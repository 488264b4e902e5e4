"use client";

import { useEffect } from "react";
import { ErrorPanel } from "@/components/shell/error-panel";

export default function WizardStepError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <ErrorPanel
      error={error}
      retry={retry}
      title="This step could not be loaded"
      description="Your draft is saved up to the last step you completed. Try again, or resume it later from the connectors list."
    />
  );
}
