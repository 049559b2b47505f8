import Link from "next/link";
import { notFound } from "next/navigation";
import { StakeholderUpdate } from "@/components/communications/stakeholder-updates";
import { SeverityBadge, StatusBadge } from "@/components/incidents/badges";
import { requireUser } from "@/lib/auth/session";
import { listStakeholderUpdates } from "@/lib/communications/queries";
import { getTranslator } from "@/lib/i18n/server";
import { getIncidentRoom } from "@/lib/incidents/queries";
import { incidentReference } from "@/lib/incidents/rules";

export const metadata = { title: "Status" };

/** The internal status page of one incident: every stakeholder update, newest first, for anyone signed in. */
export default async function IncidentStatusPage({ params }: { params: Promise<{ ref: string }> }) {
  await requireUser();
  const { ref } = await params;
  const [{ locale, t }, incident] = await Promise.all([getTranslator(), getIncidentRoom(decodeURIComponent(ref), { timeline: false })]);
  if (!incident) notFound();
  const updates = await listStakeholderUpdates(incident.id);
  const reference = incidentReference(incident.number);
  return (
    <div className="stack" style={{ maxWidth: 820 }}>
      <div>
        <Link className="muted small" href={`/incidents/${reference}`}>
          ← {reference}
        </Link>
        <h1>{t("updates.statusPageTitle", { reference, title: incident.title })}</h1>
        <div className="button-row">
          <SeverityBadge severity={incident.severity} t={t} />
          <StatusBadge status={incident.status} t={t} />
        </div>
      </div>
      {updates.length === 0 ? (
        <p className="empty">{t("updates.none")}</p>
      ) : (
        updates.map((update, index) => <StakeholderUpdate key={update.id} update={update} locale={locale} t={t} superseded={index > 0} />)
      )}
    </div>
  );
}
