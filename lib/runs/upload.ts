// Reads a multipart upload as a stream: the CSV goes straight to disk through
// startUploadRun, never into memory, so files of several GB are fine.
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { ValidationError } from "@/lib/errors";
import { startUploadRun } from "./service";

export async function receiveUpload(options: {
  tenantId: string;
  connectorId: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
}): Promise<{ runId: string }> {
  const parser = busboy({
    headers: { "content-type": options.contentType },
    limits: { files: 1, fields: 10 },
  });
  const fields: Record<string, string> = {};
  return new Promise((resolve, reject) => {
    let started = false;
    parser.on("field", (name, value) => {
      fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      if (name !== "file") {
        stream.resume();
        return;
      }
      started = true;
      if (!fields.transformMapId) {
        stream.resume();
        reject(
          new ValidationError(
            "Send the transformMapId field before the file in the multipart body.",
            {
              transformMapId: ["Choose a transform map."],
            },
          ),
        );
        return;
      }
      startUploadRun({
        tenantId: options.tenantId,
        connectorId: options.connectorId,
        transformMapId: fields.transformMapId,
        fileName: info.filename || "upload.csv",
        body: stream,
      }).then(resolve, reject);
    });
    parser.on("error", reject);
    parser.on("close", () => {
      if (!started)
        reject(
          new ValidationError("Attach a CSV file in the field named file.", {
            file: ["Choose a file."],
          }),
        );
    });
    Readable.fromWeb(options.body as WebReadableStream<Uint8Array>).pipe(parser);
  });
}
