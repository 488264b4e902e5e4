import { NextResponse } from "next/server";
import { z } from "zod";
import { withApi } from "@/lib/api/handler";
import { csvCell } from "@/lib/csv/escape";
import { runErrorsQuerySchema } from "@/lib/runs/schema";
import { getRunErrors } from "@/lib/runs/service";

const params = z.object({ id: z.string().uuid("Unknown run.") });

export const GET = withApi(
  { params, query: runErrorsQuerySchema },
  async ({ user, params, query }) => {
    if (query.format === "json") {
      return NextResponse.json(
        await getRunErrors({
          tenantId: user.tenantId,
          runId: params.id,
          cursor: query.cursor,
          limit: query.limit,
        }),
      );
    }
    // Streamed page by page, so a run with 10,000 errors never sits in memory as one string.
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode("source,line,column,reason\r\n"));
        let cursor: string | undefined;
        do {
          const page = await getRunErrors({
            tenantId: user.tenantId,
            runId: params.id,
            cursor,
            limit: 1000,
          });
          const lines = page.items.map((e) =>
            [e.sourceKey ?? "", e.line ?? "", e.column ?? "", e.reason].map(csvCell).join(","),
          );
          if (lines.length) controller.enqueue(encoder.encode(lines.join("\r\n") + "\r\n"));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        controller.close();
      },
    });
    return new Response(stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="run-${params.id}-errors.csv"`,
      },
    });
  },
);
