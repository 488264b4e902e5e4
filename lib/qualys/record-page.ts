import type { ModelRecordPage } from "@/lib/connectors/definition";

/**
 * A page plus the key of the data model its records follow ("host-asset",
 * "vulnerability-finding"). The Qualys VM connector yields both models in one
 * run when Hosts and Vulnerabilities are selected, so the pipeline needs to
 * tell the pages apart; it stays assignable to ModelRecordPage.
 */
export type TypedRecordPage = ModelRecordPage & { dataModel: string };
