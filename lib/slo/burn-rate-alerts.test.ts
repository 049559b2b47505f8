import { describe, expect, it } from "vitest";
import { normaliseGeneric } from "@/lib/alerts/normalisers/generic";
import { burnRateAlertPayload } from "./burn-rate-alerts";
import { burnRateAlertRules, errorBudget } from "./rules";

const now = new Date("2026-11-24T12:00:00Z");
const slo = { id: "slo1", name: "Checkout availability", objective: 999_000, window: "rolling_30d", service: { name: "Checkout API", slug: "checkout-api" } };

describe("burn-rate alerts in the generic alert format", () => {
  it("describes firing and resolved alerts so the generic normaliser accepts them", () => {
    const [fastPage, , , slowTicket] = burnRateAlertRules([14.4, 6, 3, 1]);
    const payload = burnRateAlertPayload(
      slo,
      { budget: errorBudget(999_000, { good: 99_950, total: 100_000 }) },
      [
        { rule: fastPage!, firing: true, longRate: 20, shortRate: 25.5 },
        { rule: slowTicket!, firing: false, longRate: 0.5, shortRate: 0.2 },
      ],
      now,
    );
    const delivery = normaliseGeneric(payload, now);
    expect(delivery.alerts).toHaveLength(2);
    const [firing, resolved] = delivery.alerts;
    expect(firing).toMatchObject({
      dedupKey: "slo:slo1:3600000",
      groupKey: "slo:slo1",
      status: "firing",
      level: "critical",
      serviceHint: "checkout-api",
      title: "Checkout API · Checkout availability: 2% of budget in 1 h (burn rate 20.0× over 1 h)",
      startsAt: now,
    });
    expect(firing?.description).toContain("20.0× over 1 h and 25.5× over 5 m; the alert fires above 14.4× in both. Budget remaining: 50.0%.");
    expect(firing?.labels).toMatchObject({ objective: "99.9%", notify: "page", longWindow: "1 h", shortWindow: "5 m" });
    expect(resolved).toMatchObject({ dedupKey: "slo:slo1:259200000", status: "resolved", level: "warning", endsAt: now });
  });
});
