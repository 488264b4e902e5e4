import { NotFoundPanel } from "@/components/shell/not-found-panel";

// Merges delete the folded asset, so an old link most often lands here.
export default function AssetNotFound() {
  return (
    <NotFoundPanel
      title="Asset not found"
      description="This asset does not exist in your tenant. It may have been merged into another asset; search the inventory for its name or address."
    />
  );
}
