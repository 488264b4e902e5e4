// The OpenAPI document of the REST API, built from the same zod schemas the
// handlers parse with, so the two cannot drift apart.
import { z } from "zod";
import { tokenRequestSchema } from "@/lib/auth/token-request";
import { assetListQuerySchema, findingListQuerySchema } from "@/lib/inventory/schema";
import { runErrorsQuerySchema } from "@/lib/runs/schema";

type JsonSchema = Record<string, unknown>;

const schema = (s: z.ZodType, io: "input" | "output" = "input"): JsonSchema => {
  const json = z.toJSONSchema(s, { io, unrepresentable: "any" }) as JsonSchema;
  delete json.$schema;
  return json;
};

/** Query-string schemas become one parameter per property. */
function queryParameters(s: z.ZodObject) {
  const json = schema(s) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}

const idParameter = (description: string) => ({
  name: "id",
  in: "path",
  required: true,
  description,
  schema: { type: "string", format: "uuid" },
});

const errorResponse = {
  description: "Error: { error: { code, message, fields? } }",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
};

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Sluice REST API",
      version: "1",
      description:
        "Get a token from POST /auth (valid four hours) and send it as Authorization: Bearer <token>.",
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string" },
                message: { type: "string" },
                fields: {
                  type: "object",
                  additionalProperties: { type: "array", items: { type: "string" } },
                },
              },
            },
          },
        },
      },
    },
    security: [{ bearer: [] }],
    paths: {
      "/auth": {
        post: {
          summary: "Issue a JWT valid for four hours",
          security: [],
          requestBody: {
            required: true,
            content: {
              "application/x-www-form-urlencoded": { schema: schema(tokenRequestSchema) },
            },
          },
          responses: {
            "200": {
              description: "The token",
              content: { "text/plain": { schema: { type: "string" } } },
            },
            "400": errorResponse,
            "401": errorResponse,
            "429": errorResponse,
          },
        },
      },
      "/api/health": {
        get: {
          summary: "Database, migrations and job workers",
          security: [],
          responses: { "200": { description: "Healthy" }, "503": { description: "Down" } },
        },
      },
      "/api/v1/me": {
        get: {
          summary: "Who the token belongs to",
          responses: { "200": { description: "User and tenant" }, "401": errorResponse },
        },
      },
      "/api/v1/connectors/{id}/test": {
        post: {
          summary: "Test a connector's connection; failures say what to check",
          parameters: [idParameter("Connector")],
          responses: {
            "200": {
              description: "{ ok, summary, details } or { ok: false, title, checks, details }",
            },
            "404": errorResponse,
          },
        },
      },
      "/api/v1/connectors/{id}/runs": {
        post: {
          summary:
            "Start a run: upload a CSV (multipart: transformMapId, then file) or scan the source (JSON or empty body)",
          parameters: [idParameter("Connector")],
          requestBody: {
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["transformMapId", "file"],
                  properties: {
                    transformMapId: { type: "string", format: "uuid" },
                    file: { type: "string", format: "binary" },
                  },
                },
              },
              "application/json": {
                schema: {
                  type: "object",
                  properties: { profileId: { type: "string", format: "uuid" } },
                },
              },
            },
          },
          responses: {
            "202": { description: "{ runId, status }" },
            "400": errorResponse,
            "404": errorResponse,
          },
        },
      },
      "/api/v1/runs/{id}": {
        get: {
          summary: "A run's state, progress and counts",
          parameters: [idParameter("Run")],
          responses: { "200": { description: "The run" }, "404": errorResponse },
        },
      },
      "/api/v1/runs/{id}/errors": {
        get: {
          summary: "A run's row errors (JSON pages, or CSV with format=csv)",
          parameters: [idParameter("Run"), ...queryParameters(runErrorsQuerySchema)],
          responses: {
            "200": { description: "{ items, nextCursor } or text/csv" },
            "404": errorResponse,
          },
        },
      },
      "/api/v1/assets": {
        get: {
          summary: "Assets filtered with the query language, keyset-paginated",
          parameters: queryParameters(assetListQuerySchema),
          responses: { "200": { description: "A page of assets" }, "400": errorResponse },
        },
      },
      "/api/v1/assets/{id}": {
        get: {
          summary: "One asset with its sources, identifiers and risk",
          parameters: [idParameter("Asset")],
          responses: { "200": { description: "The asset" }, "404": errorResponse },
        },
      },
      "/api/v1/findings": {
        get: {
          summary: "Findings filtered with the query language, keyset-paginated",
          parameters: queryParameters(findingListQuerySchema),
          responses: { "200": { description: "A page of findings" }, "400": errorResponse },
        },
      },
    },
  };
}
