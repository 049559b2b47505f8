import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import type { TActionState } from "@/lib/http/action-state";
import type { TTranslate } from "@/lib/i18n/translate";

/** Picks the escalation policy of an integration (the default for services without one of their own). */
export function IntegrationPolicyForm({
  t,
  action,
  integrationId,
  policies,
  policyId,
}: {
  t: TTranslate;
  action: (previous: TActionState, formData: FormData) => Promise<TActionState>;
  integrationId: string;
  policies: { id: string; name: string }[];
  policyId: string | null;
}) {
  return (
    <section className="panel" style={{ maxWidth: 720 }}>
      <ActionForm action={action} label={t("escalation.integrationDefault")}>
        <input type="hidden" name="integrationId" value={integrationId} />
        <label htmlFor="integration-escalation-policy">{t("escalation.integrationDefault")}</label>
        <select id="integration-escalation-policy" name="escalationPolicyId" defaultValue={policyId ?? ""}>
          <option value="">{t("escalation.none")}</option>
          {policies.map((policy) => (
            <option key={policy.id} value={policy.id}>
              {policy.name}
            </option>
          ))}
        </select>
        <div>
          <SubmitButton>{t("escalation.savePolicyChoice")}</SubmitButton>
        </div>
      </ActionForm>
    </section>
  );
}
