import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Sluice", template: "%s · Sluice" },
  description:
    "Self-hosted console for security-data connectors: assets, findings and logs in one inventory.",
  // Inline so the tab shows the mark without another route or file to serve.
  icons: {
    icon: `data:image/svg+xml,${encodeURIComponent(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#0b6f93"/><path d="M9.5 6.5v13M22.5 6.5v13" stroke="#fff" stroke-width="2.2" stroke-linecap="round"/><rect x="12" y="8" width="8" height="7" rx="1.25" fill="#fff"/><path d="M6 22c2 0 2-1.5 4-1.5s2 1.5 4 1.5 2-1.5 4-1.5 2 1.5 4 1.5 2-1.5 4-1.5" stroke="#fff" stroke-width="1.9" fill="none" stroke-linecap="round"/></svg>',
    )}`,
  },
  // A self-hosted console has nothing to offer search engines.
  robots: { index: false, follow: false },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafbfc" },
    { media: "(prefers-color-scheme: dark)", color: "#0f1115" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // next-themes sets the theme class on <html> before hydration, hence the warning suppression.
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-dvh bg-background font-sans text-foreground antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
