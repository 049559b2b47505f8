// How budgets and objectives read everywhere: pages, charts, exports and alert texts.

/** A fraction as a percentage with one decimal: 0.7234 → "72.3%". */
export const formatPercent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;

/** An objective as the percentage people set it as, without float noise: 0.999 → 99.9. */
export const objectivePercent = (objective: number) => Number((objective * 100).toFixed(4));

export const formatObjective = (objective: number) => `${objectivePercent(objective)}%`;
