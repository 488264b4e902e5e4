import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/handler";
import { getProfile } from "@/lib/users/service";

/** Who the bearer token belongs to: lets an API client check its token. */
export const GET = withApi({}, async ({ user }) =>
  NextResponse.json(await getProfile({ userId: user.id })),
);
