import { withApi } from "@/lib/api/handler";
import { cloudTemplate } from "@/lib/events/service";
import { cloudTemplateQuerySchema, intakeParamsSchema } from "@/lib/events/schema";

/** Download Cloud Template: the CloudFormation YAML for this connector's event-driven runs. */
export const GET = withApi(
  { params: intakeParamsSchema, query: cloudTemplateQuerySchema, role: "operator" },
  async ({ user, params, query }) => {
    const { fileName, yaml } = await cloudTemplate({
      tenantId: user.tenantId,
      connectorId: params.id,
      query,
    });
    return new Response(yaml, {
      status: 200,
      headers: {
        "content-type": "application/yaml; charset=utf-8",
        "content-disposition": `attachment; filename="${fileName}"`,
        "cache-control": "no-store",
      },
    });
  },
);
