"use client";

import { useEffect } from "react";
import { ErrorPanel } from "@/components/shell/error-panel";

export default function InventoryError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <ErrorPanel
      error={error}
      retry={retry}
      title="The inventory could not be loaded"
      description="The search did not finish. Try again; if a particular query keeps failing, give your administrator the reference below together with the query."
    />
  );
}
