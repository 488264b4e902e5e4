import { NextResponse, type NextRequest } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";

/** The API's OpenAPI 3.1 document (public: it describes, it reveals no data). */
export function GET(request: NextRequest) {
  return NextResponse.json(openApiDocument(request.nextUrl.origin));
}
