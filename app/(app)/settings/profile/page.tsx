import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { LocalTime } from "@/components/ui/local-time";
import { requireUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { userTimeZone } from "@/lib/users/queries";
import { setTimeZoneAction } from "./actions";

export const metadata = { title: "Profile" };

// Intl's own list lacks the plain "UTC" on some runtimes; people look for it by that name.
const ZONES = [...new Set(["UTC", ...Intl.supportedValuesOf("timeZone")])].sort();

export default async function ProfilePage() {
  const actor = await requireUser();
  const [{ locale, t }, timeZone] = await Promise.all([getTranslator(), userTimeZone(actor.id)]);
  return (
    <div className="stack">
      <div>
        <h1>{t("profile.title")}</h1>
        <p className="muted">
          {actor.name} · {actor.email}
        </p>
      </div>
      <section className="panel" style={{ maxWidth: 720 }} aria-labelledby="time-zone-heading">
        <h2 id="time-zone-heading">{t("profile.timeZone")}</h2>
        <p className="muted small">{t("profile.timeZoneHelp")}</p>
        <ActionForm action={setTimeZoneAction} className="inline" label={t("profile.timeZone")}>
          <label className="field">
            {t("profile.timeZone")}
            {/* keyed: React resets a form after its action, and a changed defaultValue alone would not show the saved choice */}
            <select key={timeZone ?? ""} name="timeZone" defaultValue={timeZone ?? ""}>
              <option value="">{t("profile.timeZoneBrowser")}</option>
              {ZONES.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          </label>
          <SubmitButton small>{t("profile.timeZoneSave")}</SubmitButton>
        </ActionForm>
        <p className="small" data-testid="time-example">
          {t("profile.timeZoneNow", { example: "" })}
          <LocalTime iso={new Date().toISOString()} locale={locale} />
        </p>
      </section>
    </div>
  );
}
