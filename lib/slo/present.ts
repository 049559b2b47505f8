// SLOs as the JSON API shows them: the objective as the percentage it was set as, never the stored ppm.
import { objectivePercent } from "./format";
import type { TSprintReview } from "./sprint-review";

/**
 * An SLO row for the API: `objective` (parts per million) becomes `objectivePercent` (99.9), and
 * factors the SLO has not set read null, "the workbook's table scaled to the window", as they are sent.
 */
export function presentSlo<TSlo extends { objective: number; burnRateFactors?: number[] }>(slo: TSlo) {
  const { objective, burnRateFactors, ...rest } = slo;
  return {
    ...rest,
    objectivePercent: objectivePercent(objective),
    ...(burnRateFactors !== undefined ? { burnRateFactors: burnRateFactors.length > 0 ? burnRateFactors : null } : {}),
  };
}

/** Anything carrying an SLO row under `slo` (a status, an incident's impact), with that row presented. */
export const presentSloOf = <TEntry extends { slo: { objective: number; burnRateFactors?: number[] } }>(entry: TEntry) => ({
  ...entry,
  slo: presentSlo(entry.slo),
});

export const presentSprintReview = (review: TSprintReview) => ({
  ...review,
  services: review.services.map((service) => ({ ...service, slos: service.slos.map(presentSloOf) })),
});
