import type { IncidentRole, IncidentStatus, PostmortemStatus } from "@/lib/generated/prisma/enums";
import type { TMessageKey } from "./en";
import { translator, type TTranslate } from "./translate";

/**
 * A message kept as its key and values rather than as text, so that it can be read in any language
 * later: an error raised deep in the domain is shown in the reader's language by the form that
 * catches it, while the API and the logs keep its English text.
 */
export type TMessage = {
  readonly key: TMessageKey;
  readonly vars?: TMessageVars;
  /**
   * What the API's English text shows instead of the translated key: an enum's own value
   * (`investigating`, `admin`), which API clients match on, where people read its label.
   */
  readonly api?: string;
};

/** Messages shown one after another, joined by the separator of the reader's language. */
export type TMessageList = { readonly items: readonly TMessage[]; readonly separator: TMessageKey };

/** A value in a message: text shown as it is (names, slugs, numbers), a message of its own (a label), or a list of them. */
export type TMessageVar = string | number | TMessage | TMessageList;
export type TMessageVars = Readonly<Record<string, TMessageVar>>;

/** An enum value that people read as its label, and API clients as the value itself. */
export const labelled = (value: string, key: TMessageKey): TMessage => ({ key, api: value });

export const statusLabel = (status: IncidentStatus) => labelled(status, `status.${status}`);
export const roleLabel = (role: IncidentRole) => labelled(role, `role.${role}`);
export const postmortemStatusLabel = (status: PostmortemStatus) => labelled(status, `pm.status.${status}`);

/** Items of a list in a sentence, joined by the reader's list separator ("a, b"; 「a、b」). */
export const listOf = (items: readonly TMessage[]): TMessageList => ({ items, separator: "errors.separator.list" });

function render(t: TTranslate, message: TMessage, forApi: boolean): string {
  if (forApi && message.api !== undefined) return message.api;
  const text = (value: TMessageVar): string | number => {
    if (typeof value === "string" || typeof value === "number") return value;
    if ("key" in value) return render(t, value, forApi);
    return value.items.map((item) => render(t, item, forApi)).join(t(value.separator));
  };
  return t(message.key, Object.fromEntries(Object.entries(message.vars ?? {}).map(([name, value]) => [name, text(value)])));
}

/** The message as a person reads it, in `t`'s language: enum values as their labels. */
export const readMessage = (t: TTranslate, message: TMessage) => render(t, message, false);

const english = translator("en");
/** The message as the API returns it and the logs show it: English, enum values as they are. */
export const apiMessage = (message: TMessage) => render(english, message, true);
