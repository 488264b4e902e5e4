"use client";

import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";

export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      toast.error("The browser did not allow copying; select the text and copy it instead.");
    }
  }
  return (
    <Button variant="secondary" size="sm" onClick={copy} aria-label={label}>
      {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
      {copied ? "Copied" : "Copy"}
    </Button>
  );
}

/** A JSON document with a copy button, for pasting into the AWS console. */
export function CodeBlock({
  title,
  code,
  description,
}: {
  title: string;
  code: string;
  description?: string;
}) {
  return (
    <div className="overflow-hidden rounded-lg border border-border">
      <div className="flex items-center justify-between gap-3 border-b border-border bg-muted/50 px-3 py-2">
        <div className="min-w-0">
          <p className="text-[13px] font-medium">{title}</p>
          {description ? <p className="text-xs text-muted-foreground">{description}</p> : null}
        </div>
        <CopyButton value={code} label={`Copy ${title.toLowerCase()}`} />
      </div>
      <pre className="max-h-72 overflow-auto bg-card p-3 font-mono text-xs leading-relaxed">
        {code}
      </pre>
    </div>
  );
}
