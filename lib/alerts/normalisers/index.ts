import type { AlertSource } from "@/lib/generated/prisma/enums";
import type { TNormalisedDelivery } from "../schema";
import { normaliseCloudWatch } from "./cloudwatch";
import { normaliseDatadog } from "./datadog";
import { normaliseGeneric } from "./generic";
import { normaliseMackerel } from "./mackerel";
import { normalisePagerDuty } from "./pagerduty";
import { normaliseAlertmanager, normaliseGrafana } from "./prometheus-style";

export const NORMALISERS: Record<AlertSource, (payload: unknown, receivedAt: Date) => TNormalisedDelivery> = {
  alertmanager: normaliseAlertmanager,
  grafana: normaliseGrafana,
  cloudwatch: normaliseCloudWatch,
  datadog: normaliseDatadog,
  mackerel: normaliseMackerel,
  pagerduty: normalisePagerDuty,
  generic: normaliseGeneric,
  // Firebreak's own burn-rate alerts are written in the generic format.
  slo: normaliseGeneric,
};
