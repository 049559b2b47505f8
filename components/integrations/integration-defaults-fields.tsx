import { SeverityOptions } from "@/components/incidents/severity-options";
import type { Severity } from "@/lib/generated/prisma/enums";
import type { TTranslate } from "@/lib/i18n/translate";

/** Default service and severity of an integration, in the create form and the settings form alike. */
export function IntegrationDefaultsFields({
  services,
  defaultServiceId,
  defaultSeverity,
  t,
}: {
  services: { id: string; name: string }[];
  defaultServiceId: string | null;
  defaultSeverity: Severity;
  t: TTranslate;
}) {
  return (
    <>
      <label className="field">
        {t("integrations.field.defaultService")}
        <select name="defaultServiceId" defaultValue={defaultServiceId ?? ""}>
          <option value="">{t("common.none")}</option>
          {services.map((service) => (
            <option key={service.id} value={service.id}>
              {service.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        {t("integrations.field.defaultSeverity")}
        <select name="defaultSeverity" defaultValue={defaultSeverity}>
          <SeverityOptions t={t} />
        </select>
      </label>
    </>
  );
}
