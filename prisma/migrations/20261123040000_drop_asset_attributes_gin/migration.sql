-- DropIndex
DROP INDEX "assets_attributes_idx";
