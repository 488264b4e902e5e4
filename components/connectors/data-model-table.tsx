import { Check, Minus } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";

export type AttributeRow = {
  name: string;
  label: string;
  dataType: string;
  isList: boolean;
  required: boolean;
  description: string;
};

/** The attributes of a data model, as a schema table. */
export function DataModelTable({ name, attributes }: { name: string; attributes: AttributeRow[] }) {
  return (
    <div className="overflow-hidden rounded-lg border border-border">
      <div className="max-h-[28rem] overflow-y-auto">
        <Table>
          <TableCaption>Attributes of the {name} data model</TableCaption>
          <TableHeader className="sticky top-0 z-10">
            <TableRow>
              <TableHead>Attribute</TableHead>
              <TableHead>Type</TableHead>
              <TableHead>List</TableHead>
              <TableHead>Required</TableHead>
              <TableHead>Description</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {attributes.map((attribute) => (
              <TableRow key={attribute.name}>
                <TableCell className="align-top">
                  <p className="font-medium">{attribute.label}</p>
                  <p className="font-mono text-xs text-muted-foreground">{attribute.name}</p>
                </TableCell>
                <TableCell className="align-top">
                  <Badge>{attribute.dataType}</Badge>
                </TableCell>
                <TableCell className="align-top">
                  <YesNo value={attribute.isList} label="list" />
                </TableCell>
                <TableCell className="align-top">
                  <YesNo value={attribute.required} label="required" />
                </TableCell>
                <TableCell className="align-top text-[13px] text-muted-foreground">
                  {attribute.description}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}

function YesNo({ value, label }: { value: boolean; label: string }) {
  return value ? (
    <span className="inline-flex items-center gap-1 text-[13px]">
      <Check aria-hidden className="size-4 text-success" />
      <span className="sr-only">{label}</span>Yes
    </span>
  ) : (
    <span className="inline-flex items-center text-muted-foreground">
      <Minus aria-hidden className="size-4" />
      <span className="sr-only">not {label}</span>
    </span>
  );
}
