import type { ComponentType } from "react";
import { CloudTemplateMenuItem } from "./s3-csv/cloud-template-menu-item";

export type ConnectorMenuItemProps = { connectorId: string; connectorName: string };

/**
 * Extra entries of a connector's actions menu, by connector type (for
 * example a CloudFormation template download for s3-csv). Each component
 * renders one DropdownMenuItem.
 */
export const connectorMenuItems: Record<string, ComponentType<ConnectorMenuItemProps>[]> = {
  "s3-csv": [CloudTemplateMenuItem],
};
