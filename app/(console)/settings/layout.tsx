import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { SettingsTabs } from "@/components/settings/settings-tabs";

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <PageHeader
        title="Settings"
        description="Who can sign in to this tenant, and how the background jobs are doing."
      />
      <SettingsTabs />
      {children}
    </>
  );
}
