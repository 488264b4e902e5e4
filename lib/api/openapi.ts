// The OpenAPI document of the REST API, built from the same zod schemas the
// handlers parse with, so the two cannot drift apart.
import { z } from "zod";
import { tokenRequestSchema } from "@/lib/auth/token-request";
import { connectorCreateSchema, connectorUpdateSchema } from "@/lib/connectors/schema";
import { assetListQuerySchema, findingListQuerySchema } from "@/lib/inventory/schema";
import { runErrorsQuerySchema } from "@/lib/runs/schema";
import { cloudTemplateQuerySchema } from "@/lib/events/schema";

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
      "/api/v1/connectors": {
        get: {
          summary: "Every connector with its state and last run, by name",
          responses: { "200": { description: "{ items }" }, "401": errorResponse },
        },
        post: {
          summary:
            "Create a whole connector: the wizard's steps under basic, source, dataModel, transformMap, profile, identification (operator)",
          requestBody: {
            required: true,
            content: { "application/json": { schema: schema(connectorCreateSchema) } },
          },
          responses: {
            "201": { description: "The connector as GET /api/v1/connectors/{id} shows it" },
            "400": errorResponse,
            "403": errorResponse,
            "409": errorResponse,
          },
        },
      },
      "/api/v1/connectors/{id}": {
        get: {
          summary:
            "A connector in the shape POST takes; credentials only as flags such as passwordSet",
          parameters: [idParameter("Connector")],
          responses: { "200": { description: "The connector" }, "404": errorResponse },
        },
        patch: {
          summary:
            "Change some fields: config keys merge (null removes one), secrets change only when given, mappings and rules replace their lists (operator)",
          parameters: [idParameter("Connector")],
          requestBody: {
            required: true,
            content: { "application/json": { schema: schema(connectorUpdateSchema) } },
          },
          responses: {
            "200": { description: "The connector after the change" },
            "400": errorResponse,
            "403": errorResponse,
            "404": errorResponse,
            "409": errorResponse,
          },
        },
        delete: {
          summary:
            "Delete a connector with its transform maps, profiles, rules, runs and asset-source links; assets and findings stay (operator)",
          parameters: [idParameter("Connector")],
          responses: {
            "204": { description: "Deleted" },
            "403": errorResponse,
            "404": errorResponse,
            "409": errorResponse,
          },
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
      "/api/v1/connectors/{id}/events": {
        post: {
          summary:
            "S3 event intake: S3 event notifications (Records[] or s3:TestEvent, optionally in an SNS envelope), alone or as an array; queues one ingest per CSV object",
          description:
            "Authorization: Bearer <intake token> (per connector, from the console) or a JWT from POST /auth (operator).",
          parameters: [idParameter("Connector (AWS S3 CSV)")],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { type: ["object", "array"] } } },
          },
          responses: {
            "202": { description: "{ accepted, skipped, ignored, testEvents, duplicates }" },
            "400": errorResponse,
            "401": errorResponse,
            "409": errorResponse,
            "413": errorResponse,
          },
        },
      },
      "/api/v1/connectors/{id}/events/template": {
        get: {
          summary:
            "Download Cloud Template: the CloudFormation YAML for the connector's event-driven runs",
          parameters: [
            idParameter("Connector (AWS S3 CSV)"),
            ...queryParameters(cloudTemplateQuerySchema),
          ],
          responses: {
            "200": { description: "application/yaml attachment" },
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
