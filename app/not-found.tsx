import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/shell/not-found-panel";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <main className="flex min-h-dvh items-center justify-center">
      <NotFoundPanel />
    </main>
  );
}
