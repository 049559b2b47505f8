import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "./en";

const root = path.join(import.meta.dirname, "../..");

/**
 * Keys the code builds from a value, as `t(`prefix.${value}`)`: a key matching one of these counts
 * as used. `*` stands for the value (one segment, no dot). Add a pattern here only together with
 * the code that builds it; a pattern no code builds any more fails the test below.
 */
const DYNAMIC_KEYS = [
  "alerts.link.*",
  "alerts.status.*",
  "channels.field.*",
  "channels.field.security.*",
  "channels.help.*",
  "channels.kind.*",
  "common.role.*",
  "escalation.burn.*",
  "escalation.urgency.*",
  "escalation.weekday.*",
  "errors.escalation.runStatus.*",
  "errors.field.*",
  "errors.noun.*",
  "errors.permission.*",
  "heartbeats.severity.*",
  "heartbeats.state.*",
  "level.*",
  "me.kind.*",
  "oncall.channels.invalid.*",
  "pm.goal.*",
  "pm.itemStatus.*",
  "pm.language.*",
  "pm.prompt.*",
  "pm.section.*",
  "pm.status.*",
  "role.*",
  "role.*.owns",
  "severity.*",
  "severity.*.meaning",
  "slo.alert.*",
  "slo.factors.*",
  "slo.impact.*",
  "slo.kind.*",
  "slo.reason.*",
  "slo.source.*",
  "slo.verdict.*",
  "slo.window.*",
  "status.*",
  "webhooks.kind.*",
  "webhooks.status.*",
];

/** The dictionaries, where every key is written out. */
const DICTIONARIES = ["en.ts", "ja.ts", "errors-en.ts", "errors-ja.ts"].map((file) => path.join(root, "lib/i18n", file));

/** The app's own source: what pages, components and the domain can show. Tests and the dictionaries do not count. */
function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    if (!/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name)) return [];
    return DICTIONARIES.includes(full) ? [] : [full];
  });
}

const source = ["app", "components", "lib"]
  .flatMap((directory) => sourceFiles(path.join(root, directory)))
  .map((file) => readFileSync(file, "utf8"))
  .join("\n");

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** The text before and after the `*` of a dynamic key pattern. */
function partsOf(pattern: string) {
  const [prefix = "", suffix = ""] = pattern.split("*");
  return { prefix: escape(prefix), suffix: escape(suffix) };
}

function matchesDynamicKey(key: string, pattern: string): boolean {
  const { prefix, suffix } = partsOf(pattern);
  return new RegExp(`^${prefix}[^.]+${suffix}$`).test(key);
}

const referencedLiterally = (key: string) => [`"${key}"`, `'${key}'`, `\`${key}\``].some((quoted) => source.includes(quoted));

describe("message keys", () => {
  it("are each used by the app, literally or through a documented dynamic key", () => {
    const unused = Object.keys(en).filter((key) => !referencedLiterally(key) && !DYNAMIC_KEYS.some((pattern) => matchesDynamicKey(key, pattern)));
    expect(unused, "keys in lib/i18n/en.ts that no code uses: delete them from en.ts and ja.ts").toEqual([]);
  });

  it("are built dynamically only where the code does build them", () => {
    const built = (pattern: string) => {
      const { prefix, suffix } = partsOf(pattern);
      return new RegExp(`\`${prefix}\\$\\{[^}\`]+\\}${suffix}\``).test(source);
    };
    expect(
      DYNAMIC_KEYS.filter((pattern) => !built(pattern)),
      "patterns in DYNAMIC_KEYS that no code builds any more",
    ).toEqual([]);
  });
});
