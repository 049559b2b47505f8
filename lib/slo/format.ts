// How budgets and objectives read everywhere: pages, charts, exports and alert texts.

/** Parts per million in one percent: objectives are stored in ppm, set and shown as percentages. */
const PPM_PER_PERCENT = 10_000;

/** A fraction as a percentage with one decimal: 0.7234 → "72.3%". */
export const formatPercent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;

/** An objective in parts per million as the percentage people set it as: 999000 → 99.9. */
export const objectivePercent = (objectivePpm: number) => objectivePpm / PPM_PER_PERCENT;

/** A percentage of at most four decimals as parts per million: 99.9 → 999000 (not 99.9 / 100 = 0.9990000000000001). */
export const objectivePpmFromPercent = (percent: number) => Math.round(percent * PPM_PER_PERCENT);

export const formatObjective = (objectivePpm: number) => `${objectivePercent(objectivePpm)}%`;
