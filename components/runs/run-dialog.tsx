"use client";

import { useRef, useState, type DragEvent } from "react";
import { useRouter } from "next/navigation";
import { FileSpreadsheet, LoaderCircle, Play, ScanSearch, Upload, X } from "lucide-react";
import { startRunAction } from "@/lib/runs/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { resultMessage } from "@/components/settings/action-result";
import { ChoiceCard } from "@/components/connectors/wizard/steps/choice-card";
import { ProgressBar } from "./progress-bar";
import { formatBytes, uploadWithProgress, type UploadProgress } from "./upload-progress";

type Option = { id: string; name: string };

/**
 * Starts a run of one connector: upload a CSV through a chosen transform map,
 * or scan the connector's source. Either way the run page takes over.
 */
export function RunDialog({
  connector,
  transformMaps,
  profiles,
  acceptsUploads,
  defaultOpen = false,
}: {
  connector: { id: string; name: string };
  transformMaps: Option[];
  profiles: Option[];
  acceptsUploads: boolean;
  defaultOpen?: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(defaultOpen);
  const [mode, setMode] = useState<"upload" | "scan">(acceptsUploads ? "upload" : "scan");
  const [transformMapId, setTransformMapId] = useState(transformMaps[0]?.id ?? "");
  const [profileId, setProfileId] = useState(profiles[0]?.id ?? "");
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);

  function onOpenChange(next: boolean) {
    if (!next && busy) abort.current?.abort();
    setOpen(next);
    if (!next) {
      setFile(null);
      setProgress(null);
      setProblem(null);
      // Drop ?run=1 so a reload does not reopen the dialog.
      if (defaultOpen) router.replace(`/connectors/${connector.id}`, { scroll: false });
    }
  }

  function pick(files: FileList | null | undefined) {
    const chosen = files?.[0];
    if (!chosen) return;
    setProblem(null);
    if (!/\.(csv|txt)$/i.test(chosen.name) && chosen.type !== "text/csv") {
      setProblem(`${chosen.name} is not a CSV file.`);
      return;
    }
    setFile(chosen);
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    pick(event.dataTransfer.files);
  }

  async function start() {
    setProblem(null);
    setBusy(true);
    if (mode === "scan") {
      const result = await startRunAction({
        connectorId: connector.id,
        profileId: profileId || undefined,
      });
      if ("data" in result) {
        router.push(`/runs/${result.data.runId}`);
        return;
      }
      setBusy(false);
      setProblem(resultMessage(result));
      return;
    }
    if (!file || !transformMapId) {
      setBusy(false);
      setProblem(file ? "Choose a transform map." : "Choose a CSV file to upload.");
      return;
    }
    // The server reads the fields in order: the map must come before the file.
    const body = new FormData();
    body.append("transformMapId", transformMapId);
    if (profileId) body.append("profileId", profileId);
    body.append("file", file, file.name);
    abort.current = new AbortController();
    setProgress({ loaded: 0, total: file.size });
    const outcome = await uploadWithProgress(
      `/api/v1/connectors/${connector.id}/runs`,
      body,
      setProgress,
      abort.current.signal,
    );
    if (outcome.ok) {
      router.push(`/runs/${outcome.runId}`);
      return;
    }
    setBusy(false);
    setProgress(null);
    setProblem(
      outcome.fields
        ? Object.values(outcome.fields).flat().join(" ") || outcome.message
        : outcome.message,
    );
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <Play aria-hidden />
          Run
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Run {connector.name}</DialogTitle>
          <DialogDescription>
            The run starts in the background; its page shows the progress and any rejected rows.
          </DialogDescription>
        </DialogHeader>

        {acceptsUploads ? (
          <fieldset className="grid gap-2 sm:grid-cols-2" disabled={busy}>
            <legend className="sr-only">What to run</legend>
            <ChoiceCard
              name="run-mode"
              value="upload"
              icon={Upload}
              checked={mode === "upload"}
              onChange={() => setMode("upload")}
              title="Upload a CSV"
              description="Import one file now."
            />
            <ChoiceCard
              name="run-mode"
              value="scan"
              icon={ScanSearch}
              checked={mode === "scan"}
              onChange={() => setMode("scan")}
              title="Scan the source"
              description="Read every new object under the prefix."
            />
          </fieldset>
        ) : null}

        {mode === "upload" ? (
          <div className="grid gap-4">
            <Field id="run-transform-map" label="Transform map">
              <Select
                id="run-transform-map"
                value={transformMapId}
                disabled={busy}
                onChange={(e) => setTransformMapId(e.target.value)}
              >
                {transformMaps.map((map) => (
                  <option key={map.id} value={map.id}>
                    {map.name}
                  </option>
                ))}
              </Select>
            </Field>
            <div
              onDragOver={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={onDrop}
              className={cn(
                "flex flex-col items-center gap-2 rounded-lg border-2 border-dashed px-4 py-7 text-center transition-colors",
                dragging ? "border-primary bg-primary-soft/40" : "border-border bg-muted/30",
              )}
            >
              <FileSpreadsheet
                aria-hidden
                className="size-7 text-muted-foreground"
                strokeWidth={1.5}
              />
              {file ? (
                <div className="flex items-center gap-2 text-sm">
                  <span className="font-medium">{file.name}</span>
                  <span className="text-muted-foreground">{formatBytes(file.size)}</span>
                  {!busy ? (
                    <Button
                      variant="ghost"
                      size="icon"
                      className="size-7"
                      aria-label="Remove file"
                      onClick={() => setFile(null)}
                    >
                      <X aria-hidden />
                    </Button>
                  ) : null}
                </div>
              ) : (
                <p className="text-sm text-muted-foreground">Drop a CSV file here, or</p>
              )}
              <input
                ref={input}
                id="run-file"
                type="file"
                accept=".csv,text/csv"
                className="sr-only"
                aria-label="CSV file to upload"
                onChange={(e) => pick(e.target.files)}
              />
              {!busy ? (
                <Button variant="secondary" size="sm" onClick={() => input.current?.click()}>
                  {file ? "Choose another file" : "Choose a file"}
                </Button>
              ) : null}
            </div>
            {progress ? (
              <ProgressBar
                label="Uploading"
                value={progress.loaded}
                max={progress.total}
                detail={`${formatBytes(progress.loaded)} of ${formatBytes(progress.total)}`}
              />
            ) : null}
          </div>
        ) : profiles.length > 0 ? (
          <Field id="run-profile" label="Profile">
            <Select
              id="run-profile"
              value={profileId}
              disabled={busy}
              onChange={(e) => setProfileId(e.target.value)}
            >
              {profiles.map((profile) => (
                <option key={profile.id} value={profile.id}>
                  {profile.name}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}

        {problem ? (
          <Alert tone="destructive" role="alert">
            {problem}
          </Alert>
        ) : null}

        <DialogFooter>
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            {busy ? "Cancel upload" : "Cancel"}
          </Button>
          <Button onClick={start} disabled={busy || (mode === "upload" && !file)}>
            {busy ? <LoaderCircle aria-hidden className="animate-spin" /> : <Play aria-hidden />}
            {mode === "upload"
              ? busy
                ? "Uploading…"
                : "Upload and run"
              : busy
                ? "Starting…"
                : "Run now"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
