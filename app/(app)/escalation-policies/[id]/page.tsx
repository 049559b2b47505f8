import { notFound } from "next/navigation";
import { PolicyFields } from "@/components/escalation/policy-fields";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { requirePermission } from "@/lib/auth/session";
import { escalationTargetSchedules, escalationTargetTeams, escalationTargetUsers, getEscalationPolicy } from "@/lib/escalation/queries";
import { getTranslator } from "@/lib/i18n/server";
import { deletePolicyAction, updatePolicyAction } from "../actions";

export const metadata = { title: "Escalation policy" };

export default async function EscalationPolicyPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("service:manage");
  const { id } = await params;
  const [{ t }, policy, users, schedules, teams] = await Promise.all([
    getTranslator(),
    getEscalationPolicy(decodeURIComponent(id)),
    escalationTargetUsers(),
    escalationTargetSchedules(),
    escalationTargetTeams(),
  ]);
  if (!policy) notFound();
  return (
    <div className="stack">
      <h1>{policy.name}</h1>
      <section className="panel" style={{ maxWidth: 720 }}>
        <h2>{t("escalation.edit")}</h2>
        <ActionForm action={updatePolicyAction} label={t("escalation.edit")}>
          <input type="hidden" name="policyId" value={policy.id} />
          <PolicyFields t={t} users={users} schedules={schedules} teams={teams} value={policy} idPrefix="edit" />
          <div>
            <SubmitButton primary>{t("escalation.save")}</SubmitButton>
          </div>
        </ActionForm>
      </section>
      <ActionForm action={deletePolicyAction} label={t("escalation.delete")}>
        <input type="hidden" name="policyId" value={policy.id} />
        <div>
          <SubmitButton>{t("escalation.delete")}</SubmitButton>
        </div>
      </ActionForm>
    </div>
  );
}
