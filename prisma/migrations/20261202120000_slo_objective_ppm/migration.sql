-- Objectives become exact: an integer of parts per million (99.9% = 999000) instead of a float that
-- read 0.9990000000000001 and made 0.1% of errors a burn rate of 1.0000000000001. Existing values
-- are rounded to the nearest part per million, which is what the percentage was set as.
-- Dropping "objective" drops its check constraint with it.
ALTER TABLE "Slo" ADD COLUMN "objectivePpm" INTEGER;
UPDATE "Slo" SET "objectivePpm" = round("objective" * 1000000)::INTEGER;
ALTER TABLE "Slo" ALTER COLUMN "objectivePpm" SET NOT NULL;
ALTER TABLE "Slo" DROP COLUMN "objective";
ALTER TABLE "Slo" ADD CONSTRAINT "Slo_objectivePpm_check" CHECK ("objectivePpm" > 0 AND "objectivePpm" < 1000000);

-- Burn-rate factors left at the workbook's table for their window become "scaled to the window"
-- (empty), so a calendar month follows its own length and a changed window takes its own factors.
-- Factors anyone set to other values stay as they are.
ALTER TABLE "Slo" DROP CONSTRAINT "Slo_burnRateFactors_check";
ALTER TABLE "Slo" ALTER COLUMN "burnRateFactors" SET DEFAULT ARRAY[]::DOUBLE PRECISION[];
UPDATE "Slo" SET "burnRateFactors" = ARRAY[]::DOUBLE PRECISION[]
WHERE ("window" IN ('rolling_30d', 'calendar_month') AND "burnRateFactors" = ARRAY[14.4, 6, 3, 1]::DOUBLE PRECISION[])
   OR ("window" = 'rolling_28d' AND "burnRateFactors" = ARRAY[13.44, 5.6, 2.8, 0.93]::DOUBLE PRECISION[])
   OR ("window" = 'rolling_7d' AND "burnRateFactors" = ARRAY[3.36, 1.4, 0.7, 0.23]::DOUBLE PRECISION[]);
ALTER TABLE "Slo" ADD CONSTRAINT "Slo_burnRateFactors_check" CHECK (cardinality("burnRateFactors") IN (0, 4) AND 0 < ALL ("burnRateFactors"));
