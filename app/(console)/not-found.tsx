import { NotFoundPanel } from "@/components/shell/not-found-panel";

export default function ConsoleNotFound() {
  return <NotFoundPanel />;
}
