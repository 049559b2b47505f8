import { notFound } from "next/navigation";
import { ServiceEscalationForm } from "@/components/escalation/service-escalation-form";
import { SloCard } from "@/components/slo/slo-card";
import { SloFields } from "@/components/slo/slo-fields";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getServiceBySlug } from "@/lib/catalog/queries";
import { escalationPolicyChoices, serviceEscalationSettings } from "@/lib/escalation/queries";
import { getTranslator } from "@/lib/i18n/server";
import { serviceSloOverview } from "@/lib/slo/queries";
import { OnCallNow } from "../../teams/on-call-now";
import { setServiceEscalationAction } from "../../escalation-policies/actions";
import { createSloAction, deleteSloAction, updateSloAction } from "./actions";

export const metadata = { title: "Service" };

export default async function ServicePage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await requireUser();
  const { slug } = await params;
  const [{ locale, t }, service] = await Promise.all([getTranslator(), getServiceBySlug(decodeURIComponent(slug))]);
  if (!service) notFound();
  const canManage = can(actor.role, "service:manage");
  const [slos, escalation, policies] = await Promise.all([
    serviceSloOverview(service.id),
    canManage ? serviceEscalationSettings(service.id) : null,
    canManage ? escalationPolicyChoices() : [],
  ]);
  const canEdit = can(actor.role, "incident:write");

  return (
    <div className="stack">
      <div>
        <div className="muted small">{service.ownerTeam}</div>
        <h1>{service.name}</h1>
        <p className="muted">{service.description}</p>
        <OnCallNow serviceSlugs={[service.slug]} t={t} locale={locale} />
      </div>
      <h2>{t("slo.title")}</h2>
      {slos.length === 0 ? <p className="empty">{t("slo.empty")}</p> : null}
      {slos.map((status) => (
        <SloCard key={status.slo.id} status={status} t={t} locale={locale} canEdit={canEdit} updateAction={updateSloAction} deleteAction={deleteSloAction} />
      ))}
      {canEdit ? (
        <section className="panel" style={{ maxWidth: 720 }}>
          <h2>{t("slo.add")}</h2>
          <ActionForm action={createSloAction} resetOnSuccess label={t("slo.add")}>
            <input type="hidden" name="serviceId" value={service.id} />
            <SloFields t={t} idPrefix="new" />
            <div>
              <SubmitButton primary>{t("slo.submit")}</SubmitButton>
            </div>
          </ActionForm>
        </section>
      ) : null}
      {escalation ? <ServiceEscalationForm t={t} action={setServiceEscalationAction} serviceId={service.id} policies={policies} value={escalation} /> : null}
    </div>
  );
}
