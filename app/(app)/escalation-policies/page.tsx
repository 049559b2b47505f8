import Link from "next/link";
import { describeTargets } from "@/components/escalation/describe-targets";
import { PolicyFields } from "@/components/escalation/policy-fields";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { requirePermission } from "@/lib/auth/session";
import { escalationTargetSchedules, escalationTargetTeams, escalationTargetUsers, listEscalationPolicies } from "@/lib/escalation/queries";
import { getTranslator } from "@/lib/i18n/server";
import { createPolicyAction } from "./actions";

export const metadata = { title: "Escalation policies" };

export default async function EscalationPoliciesPage() {
  await requirePermission("service:manage");
  const [{ t }, policies, users, schedules, teams] = await Promise.all([
    getTranslator(),
    listEscalationPolicies(),
    escalationTargetUsers(),
    escalationTargetSchedules(),
    escalationTargetTeams(),
  ]);
  const names = new Map([...users, ...schedules, ...teams].map((choice) => [choice.id, choice.name]));
  return (
    <div className="stack">
      <div>
        <h1>{t("escalation.title")}</h1>
        <p className="muted">{t("escalation.intro")}</p>
      </div>
      {policies.length === 0 ? (
        <p className="empty">{t("escalation.empty")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("escalation.name")}</th>
              <th scope="col">{t("escalation.steps")}</th>
              <th scope="col">{t("escalation.repeats")}</th>
              <th scope="col">{t("escalation.usedBy")}</th>
            </tr>
          </thead>
          <tbody>
            {policies.map((policy) => (
              <tr key={policy.id}>
                <td>
                  <Link href={`/escalation-policies/${policy.id}`}>{policy.name}</Link>
                </td>
                <td>
                  <ol className="small">
                    {policy.steps.map((step, index) => (
                      <li key={index}>
                        {t("escalation.stepSummary", { number: index + 1, targets: describeTargets(step.targets, names, t), minutes: step.delayMinutes })}
                      </li>
                    ))}
                  </ol>
                </td>
                <td>{policy.repeatCount}</td>
                <td className="small">{[...policy.services.map((service) => service.name), ...policy.integrations.map((integration) => integration.name)].join(", ") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="panel" style={{ maxWidth: 720 }}>
        <h2>{t("escalation.new")}</h2>
        <ActionForm action={createPolicyAction} label={t("escalation.new")}>
          <PolicyFields t={t} users={users} schedules={schedules} teams={teams} value={null} idPrefix="new" />
          <div>
            <SubmitButton primary>{t("escalation.create")}</SubmitButton>
          </div>
        </ActionForm>
      </section>
    </div>
  );
}
