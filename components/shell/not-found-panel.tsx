import Link from "next/link";
import { Compass } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";

export function NotFoundPanel({
  title = "Page not found",
  description = "The page you asked for does not exist, was moved, or you do not have access to it.",
  headingLevel = "h1",
}: {
  title?: string;
  description?: string;
  /** h2 when the surrounding layout already has the page's h1 (settings). */
  headingLevel?: "h1" | "h2";
}) {
  const Heading = headingLevel;
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center px-6 py-16 text-center">
      <p className="text-sm font-semibold text-primary tabular-nums">404</p>
      <div className="mt-3 mb-4 flex size-11 items-center justify-center rounded-full bg-muted text-muted-foreground">
        <Compass aria-hidden className="size-5" strokeWidth={1.9} />
      </div>
      <Heading className="text-xl font-semibold tracking-tight">{title}</Heading>
      <p className="mt-1.5 text-sm text-muted-foreground">{description}</p>
      <Link href="/" className={buttonClasses({ variant: "secondary", className: "mt-6" })}>
        Back to dashboard
      </Link>
    </div>
  );
}
