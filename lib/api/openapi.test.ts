import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

describe("OpenAPI document", () => {
  const doc = openApiDocument("http://127.0.0.1:3000");

  it("describes every REST route with the handlers' own schemas", () => {
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/api/health",
      "/api/v1/assets",
      "/api/v1/assets/{id}",
      "/api/v1/connectors",
      "/api/v1/connectors/{id}",
      "/api/v1/connectors/{id}/events",
      "/api/v1/connectors/{id}/events/template",
      "/api/v1/connectors/{id}/runs",
      "/api/v1/connectors/{id}/test",
      "/api/v1/findings",
      "/api/v1/me",
      "/api/v1/runs/{id}",
      "/api/v1/runs/{id}/errors",
      "/auth",
    ]);
    const auth = doc.paths["/auth"].post.requestBody.content["application/x-www-form-urlencoded"]
      .schema as {
      required: string[];
    };
    expect(auth.required.sort()).toEqual(["password", "token", "username"]);
    const assetParams = doc.paths["/api/v1/assets"].get.parameters.map((p) => p.name);
    expect(assetParams).toContain("q");
  });

  it("is plain JSON", () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});
