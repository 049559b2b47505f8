/** Times, zones and the SLO verdict's reasons (merged into en.ts). */
export const timeEn = {
  "nav.admin": "Administration",
  "nav.profile": "Your profile",
  "profile.title": "Profile",
  "profile.timeZone": "Time zone",
  "profile.timeZoneBrowser": "My browser's time zone",
  "profile.timeZoneHelp":
    "Times are shown in this zone with its name (e.g. 20:14 JST), with the date when it is not today; hover over a time for UTC. Postmortems and exports stay in UTC.",
  "profile.timeZoneSave": "Save time zone",
  "profile.timeZoneNow": "Times are now shown as: {example}",
  "slo.verdict.no_data": "No data yet",
  "slo.reason.overspent": "the budget is overspent ({left} left): only P0 bugs and security fixes until the SLO is met again",
  "slo.reason.low_and_going": "{left} of the budget left, gone on {date} at today's burn",
  "slo.reason.low": "only {left} of the budget left",
  "slo.reason.going": "but at today's burn the budget is gone on {date}",
  "slo.reason.burning_fast": "but it is burning fast right now (paging alert)",
  "slo.reason.burning_steadily": "but it is burning steadily (ticket alert)",
  "slo.reason.healthy": "{left} of the budget left",
  "slo.alertState": "Burn-rate alerts",
  "review.chart.overflow": "{value} (off the scale)",
  "review.chart.atRisk": "SLOs at risk: under {threshold} of the budget left, or overspent. The others are in the table below.",
  "review.chart.noneAtRisk": "No SLO is at risk: every one has at least {threshold} of its budget left (see the table).",
};
