// Every environment variable Firebreak reads, with its default and what is wrong with a bad value.
// Pure (no secrets, nothing read here): the launcher checks the environment with it before anything
// starts, next.config.ts before a build, and lib/env/server-env.ts parses it once for the app.
// Relative imports: next.config.ts loads this file through Next's config transpiler, which does not
// resolve the "@/" alias.
import { z } from "zod";
import { InvalidClockError, parseClockSetting } from "../clock/shifted-clock";
import { InvalidAllowListError, parseOutboundAllowList } from "./outbound-allow-list";

const notBlank = "must not be blank";
const optionalText = z.string().trim().min(1, notBlank).optional();
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be ${values.slice(0, -1).join(", ")} or ${values.at(-1)}` });
/** A whole number from `min` to `max`; the message says what it counts and what its limits mean. */
const wholeNumber = (min: number, max: number, fallback: number, message: string) =>
  z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message }).default(fallback);
/** Comma-separated CIDRs or single addresses (lib/env/outbound-allow-list.ts). */
const addressList = () =>
  z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        parseOutboundAllowList(value);
      } catch (error) {
        if (!(error instanceof InvalidAllowListError)) throw error;
        ctx.addIssue({ code: "custom", message: error.message });
      }
    });
const retentionDays = (fallback: number) => wholeNumber(0, 3650, fallback, "must be a whole number of days from 0 (keep forever) to 3650");

/** What is kept and how fast senders may deliver (README, "Retention and intake limits"). */
const retentionAndIntake = {
  /** rejected alert deliveries (row and payload) are deleted after this many days */
  FIREBREAK_RETAIN_REJECTED_DAYS: retentionDays(7),
  /** accepted deliveries' raw payloads are emptied after this many days, unless an alert of theirs belongs to an incident with a postmortem */
  FIREBREAK_RETAIN_PAYLOAD_DAYS: retentionDays(90),
  /** SLI minute buckets are kept for this many of their SLO's windows (never less than the sprint review reads); hourly sums stay */
  FIREBREAK_RETAIN_SLI_MINUTE_WINDOWS: wholeNumber(2, 120, 2, "must be a whole number of SLO windows from 2 to 120"),
  /** deliveries one integration may send per minute; more get 429 (0: no limit) */
  FIREBREAK_INTAKE_PER_MINUTE: wholeNumber(0, 1_000_000, 600, "must be a whole number of deliveries a minute from 0 (no limit) to 1000000"),
};

export const ZServerEnv = z
  .object({
    NODE_ENV: oneOf(["development", "production", "test"]).default("production"),
    PORT: wholeNumber(1, 65535, 3000, "must be a port number from 1 to 65535"),
    HOST: z.string().trim().min(1, notBlank).default("0.0.0.0"),
    DATABASE_URL: z
      .url({ error: "must be a URL such as postgresql://user:password@host:5432/firebreak" })
      .refine((url) => /^postgres(ql)?:\/\//.test(url), "must start with postgresql://")
      .optional(),
    FIREBREAK_DATA_DIR: z.string().trim().min(1, notBlank).default(".data"),
    FIREBREAK_DEMO: oneOf(["auto", "true", "false"]).default("auto"),
    FIREBREAK_ADMIN_EMAIL: z.email({ error: "must be an email address" }).optional(),
    FIREBREAK_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
    /** the address people use; links in notifications and the collaboration WebSocket's Origin check use it */
    NEXTAUTH_URL: z.url({ error: "must be a URL such as https://firebreak.example.com" }).optional(),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)").optional(),
    OIDC_ISSUER: z.url({ error: "must be the issuer's URL, e.g. https://login.example.com/realms/main" }).optional(),
    OIDC_CLIENT_ID: optionalText,
    OIDC_CLIENT_SECRET: optionalText,
    OIDC_NAME: z.string().trim().min(1, notBlank).default("Single sign-on"),
    GITHUB_CLIENT_ID: optionalText,
    GITHUB_CLIENT_SECRET: optionalText,
    FIREBREAK_SSO_DEFAULT_ROLE: oneOf(["viewer", "responder"]).default("viewer"),
    /** the organisation's default postmortem template language; each document can still choose */
    FIREBREAK_POSTMORTEM_LANGUAGE: oneOf(["en", "ja"]).default("en"),
    /** live streams end after this long and browsers reconnect, so connections spread over app processes again */
    FIREBREAK_STREAM_MAX_SECONDS: wholeNumber(1, 86_400, 300, "must be a whole number of seconds from 1 to 86400"),
    ...retentionAndIntake,
    /** addresses outbound requests may reach although they are not public (lib/http/outbound.ts) */
    FIREBREAK_OUTBOUND_ALLOW: addressList(),
    /** Redis shared by the app processes; /api/ready checks it answers when set */
    REDIS_URL: z
      .url({ error: "must be a URL such as redis://redis.internal:6379" })
      .refine((url) => /^rediss?:\/\//.test(url), "must start with redis:// or rediss://")
      .optional(),
    /** a scraper sending `Authorization: Bearer <this>` may read /metrics */
    FIREBREAK_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters (try: openssl rand -hex 24)").optional(),
    /** client addresses (CIDRs) that may read /metrics without the token */
    FIREBREAK_METRICS_ALLOW: addressList(),
    /** behind a reverse proxy that appends the client's address to X-Forwarded-For */
    FIREBREAK_TRUST_PROXY: oneOf(["true", "false"])
      .default("false")
      .transform((value) => value === "true"),
    /** tests only: run the whole process on another date (lib/clock/shifted-clock.ts) */
    FIREBREAK_CLOCK: z
      .string()
      .optional()
      .superRefine((value, ctx) => {
        try {
          if (value) parseClockSetting(value, 0);
        } catch (error) {
          if (!(error instanceof InvalidClockError)) throw error;
          ctx.addIssue({ code: "custom", message: error.message.replace(/^FIREBREAK_CLOCK /, "") });
        }
      }),
  })
  .superRefine((env, ctx) => {
    // With an external database Firebreak is a real deployment: secrets are not generated.
    if (env.DATABASE_URL) {
      if (!env.NEXTAUTH_SECRET) ctx.addIssue({ code: "custom", path: ["NEXTAUTH_SECRET"], message: "is required when DATABASE_URL is set" });
      if (!env.NEXTAUTH_URL)
        ctx.addIssue({
          code: "custom",
          path: ["NEXTAUTH_URL"],
          message: "is required when DATABASE_URL is set (the public URL, e.g. https://firebreak.example.com)",
        });
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({ code: "custom", path: ["OIDC_ISSUER"], message: "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together" });
    }
    if (Boolean(env.GITHUB_CLIENT_ID) !== Boolean(env.GITHUB_CLIENT_SECRET)) {
      ctx.addIssue({ code: "custom", path: ["GITHUB_CLIENT_ID"], message: "GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET go together" });
    }
    if (Boolean(env.FIREBREAK_ADMIN_EMAIL) !== Boolean(env.FIREBREAK_ADMIN_PASSWORD)) {
      ctx.addIssue({ code: "custom", path: ["FIREBREAK_ADMIN_EMAIL"], message: "FIREBREAK_ADMIN_EMAIL and FIREBREAK_ADMIN_PASSWORD go together" });
    }
  });

export type TServerEnv = z.infer<typeof ZServerEnv>;
export type TRetentionEnv = Pick<TServerEnv, keyof typeof retentionAndIntake>;

export class InvalidEnvironmentError extends Error {}

/**
 * The settings in `source` (process.env, or a test's own); throws InvalidEnvironmentError naming
 * every bad variable and what is wrong with it. Empty variables count as unset. The app reads the
 * parsed result through serverEnv() (lib/env/server-env.ts), which calls this once.
 */
export function parseServerEnv(source: Record<string, string | undefined>): TServerEnv {
  const blankless = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = ZServerEnv.safeParse(blankless);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "environment"}: ${issue.message}`);
  throw new InvalidEnvironmentError(`Firebreak's environment is invalid:\n${lines.join("\n")}`);
}
