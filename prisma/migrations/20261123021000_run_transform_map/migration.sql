-- AlterTable
ALTER TABLE "runs" ADD COLUMN     "transformMapId" UUID;
