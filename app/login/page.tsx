import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { LogoMark } from "@/components/shell/logo";
import { LoginForm } from "./_components/login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ [key: string]: string | string[] | undefined }>;
}) {
  if (await getSessionUser()) redirect("/");
  const { callbackUrl } = await searchParams;

  return (
    <main className="relative flex min-h-dvh flex-col items-center justify-center overflow-hidden px-4 py-12">
      {/* A faint grid so the page does not feel empty; purely decorative. */}
      <div
        aria-hidden
        className="pointer-events-none absolute inset-0 [background-image:linear-gradient(to_right,var(--border)_1px,transparent_1px),linear-gradient(to_bottom,var(--border)_1px,transparent_1px)] [background-size:40px_40px] opacity-50 [mask-image:radial-gradient(ellipse_at_center,black_20%,transparent_70%)]"
      />
      <div className="relative w-full max-w-[380px]">
        <div className="mb-6 flex flex-col items-center text-center">
          <LogoMark className="size-11" />
          <h1 className="mt-4 text-xl font-semibold tracking-tight">Sign in to Sluice</h1>
          <p className="mt-1 text-sm text-muted-foreground">
            Assets, findings and logs from every source, in one place.
          </p>
        </div>
        <div className="rounded-xl border border-border bg-card p-6 shadow-sm">
          <LoginForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : "/"} />
        </div>
        <p className="mt-6 text-center text-xs text-muted-foreground">
          Accounts are created by your Sluice administrator.
        </p>
      </div>
    </main>
  );
}
