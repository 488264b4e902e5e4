import type { ComponentType } from "react";

export type ConnectorMenuItemProps = { connectorId: string; connectorName: string };

/**
 * Extra entries of a connector's actions menu, by connector type (for
 * example a CloudFormation template download for s3-csv). Each component
 * renders one DropdownMenuItem.
 */
export const connectorMenuItems: Record<string, ComponentType<ConnectorMenuItemProps>[]> = {};
