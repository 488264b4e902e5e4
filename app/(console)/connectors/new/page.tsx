import { redirect } from "next/navigation";

export default function NewConnectorPage() {
  redirect("/connectors/new/basic");
}
