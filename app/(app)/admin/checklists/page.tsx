import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { requirePermission } from "@/lib/auth/session";
import { listChecklistTemplate } from "@/lib/checklists/queries";
import { getTranslator } from "@/lib/i18n/server";
import { INCIDENT_ROLES } from "@/lib/incidents/rules";
import { addChecklistItemAction, removeChecklistItemAction } from "./actions";

export const metadata = { title: "Checklists" };

export default async function ChecklistsPage() {
  await requirePermission("integration:manage");
  const [{ t }, template] = await Promise.all([getTranslator(), listChecklistTemplate()]);
  return (
    <div className="stack" style={{ maxWidth: 900 }}>
      <div>
        <h1>{t("checklists.title")}</h1>
        <p className="muted">{t("checklists.intro")}</p>
      </div>
      {INCIDENT_ROLES.map((role) => (
        <section key={role} className="panel" data-testid={`template-${role}`}>
          <h2>{t(`role.${role}`)}</h2>
          <ul className="checklist">
            {template
              .filter((item) => item.role === role)
              .map((item) => (
                <li key={item.id}>
                  <span>
                    {item.textEn}
                    <span className="muted small"> / {item.textJa}</span>
                  </span>
                  <ActionForm action={removeChecklistItemAction} className="inline" label={`${t("checklists.remove")}: ${item.textEn}`}>
                    <input type="hidden" name="itemId" value={item.id} />
                    <SubmitButton small>{t("checklists.remove")}</SubmitButton>
                  </ActionForm>
                </li>
              ))}
          </ul>
        </section>
      ))}
      <section className="panel">
        <h2>{t("checklists.add")}</h2>
        <ActionForm action={addChecklistItemAction} resetOnSuccess label={t("checklists.add")}>
          <label className="field">
            {t("checklists.field.role")}
            <select name="role" defaultValue="commander">
              {INCIDENT_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {t("checklists.field.textEn")}
            <input name="textEn" required maxLength={300} />
          </label>
          <label className="field">
            {t("checklists.field.textJa")}
            <input name="textJa" required maxLength={300} lang="ja" />
          </label>
          <div>
            <SubmitButton primary>{t("checklists.submit")}</SubmitButton>
          </div>
        </ActionForm>
      </section>
    </div>
  );
}
