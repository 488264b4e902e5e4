"use client";

import { useState } from "react";
import { LoaderCircle, PlugZap } from "lucide-react";
import { toast } from "sonner";
import type { ConnectionTestResult } from "@/lib/connectors/definition";
import { Button } from "@/components/ui/button";
import { ConnectionTestDialog } from "./connection-test-dialog";

/** Tests a saved connector with its stored settings (POST /api/v1/connectors/{id}/test). */
export function TestConnectionButton({ connectorId }: { connectorId: string }) {
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);

  async function test() {
    setTesting(true);
    try {
      const response = await fetch(`/api/v1/connectors/${connectorId}/test`, { method: "POST" });
      const body = (await response.json().catch(() => null)) as
        (ConnectionTestResult & { error?: undefined }) | { error: { message: string } } | null;
      if (response.ok && body && !("error" in body && body.error))
        setResult(body as ConnectionTestResult);
      else
        toast.error("The test could not run", {
          description:
            body && "error" in body && body.error ? body.error.message : `HTTP ${response.status}`,
        });
    } catch {
      toast.error("The test could not run", {
        description: "Check your connection and try again.",
      });
    } finally {
      setTesting(false);
    }
  }

  return (
    <>
      <Button variant="secondary" onClick={test} disabled={testing}>
        {testing ? <LoaderCircle aria-hidden className="animate-spin" /> : <PlugZap aria-hidden />}
        {testing ? "Testing…" : "Test connection"}
      </Button>
      <ConnectionTestDialog
        result={result}
        onOpenChange={(open) => (open ? null : setResult(null))}
      />
    </>
  );
}
