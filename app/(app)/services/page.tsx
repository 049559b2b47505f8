import Link from "next/link";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { DataTable } from "@/components/ui/data-table";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listServices } from "@/lib/catalog/queries";
import { getTranslator } from "@/lib/i18n/server";
import { createServiceAction } from "./actions";

export const metadata = { title: "Services" };

export default async function ServicesPage() {
  const actor = await requireUser();
  const [{ t }, services] = await Promise.all([getTranslator(), listServices()]);
  return (
    <div className="stack">
      <h1>{t("services.title")}</h1>
      {services.length === 0 ? (
        <p className="empty">{t("services.empty")}</p>
      ) : (
        <DataTable headers={[t("services.col.name"), t("services.col.owner"), t("services.col.description"), t("services.col.open")]}>
          {services.map((service) => (
            <tr key={service.id}>
              <td>
                <Link href={`/services/${service.slug}`}>{service.name}</Link>
                <div className="muted small">{service.slug}</div>
              </td>
              <td>{service.ownerTeam}</td>
              <td>{service.description}</td>
              <td>{service._count.incidents}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {can(actor.role, "service:manage") ? (
        <section className="panel" style={{ maxWidth: 640 }}>
          <h2>{t("services.add")}</h2>
          <ActionForm action={createServiceAction} resetOnSuccess label={t("services.add")}>
            <label className="field">
              {t("services.field.name")}
              <input name="name" required minLength={2} maxLength={100} />
            </label>
            <label className="field">
              {t("services.field.slug")}
              <input name="slug" pattern="[a-z0-9][a-z0-9-]{1,62}" />
            </label>
            <label className="field">
              {t("services.field.owner")}
              <input name="ownerTeam" required maxLength={100} />
            </label>
            <label className="field">
              {t("services.field.description")}
              <textarea name="description" maxLength={2000} />
            </label>
            <div>
              <SubmitButton primary>{t("services.submit")}</SubmitButton>
            </div>
          </ActionForm>
        </section>
      ) : null}
    </div>
  );
}
