import { NextResponse } from "next/server";
import { getHealth } from "@/lib/health/service";

export const dynamic = "force-dynamic";

/** Unauthenticated liveness for load balancers: says nothing about tenants or data. */
export async function GET() {
  const health = await getHealth();
  return NextResponse.json(health, {
    status: health.ok ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
