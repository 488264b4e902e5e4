// Every connector type Sluice knows. Adding a type means adding its folder
// and one line here.
import type { ConnectorDefinition } from "./definition";
import { csamApiConnector } from "./csam-api/definition";
import { qualysVmConnector } from "./qualys-vm/definition";
import { s3CsvConnector } from "./s3-csv/definition";

export const connectorDefinitions: readonly ConnectorDefinition[] = [
  s3CsvConnector as unknown as ConnectorDefinition,
  csamApiConnector as unknown as ConnectorDefinition,
  qualysVmConnector as unknown as ConnectorDefinition,
];

export function getConnectorDefinition(type: string): ConnectorDefinition | undefined {
  return connectorDefinitions.find((d) => d.type === type);
}
