import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { z } from "zod";
import { serverEnv } from "@/lib/env/server-env";
import { outboundRequest } from "@/lib/http/outbound";
import { findOrCreateSsoUser } from "@/lib/users/service";
import { currentSessionVersion, endSessions } from "@/lib/users/sessions";
import { clientAddressOf } from "./client-address";
import { signInWithPassword } from "./password-sign-in";
import { sessionClaims } from "./session-claims";
import { verifiedGitHubEmail, verifiedSsoEmail } from "./sso-email";
import { SIGN_IN_THROTTLED } from "./sign-in-throttle";

const ZCredentials = z.object({ email: z.email(), password: z.string().min(1).max(200) });

type TOidcProfile = { sub: string; email?: string; name?: string; preferred_username?: string };

function oidcProvider(issuer: string, clientId: string, clientSecret: string, name: string): OAuthConfig<TOidcProfile> {
  return {
    id: "oidc",
    name,
    type: "oauth",
    wellKnown: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (profile) => ({ id: profile.sub, email: profile.email, name: profile.name ?? profile.preferred_username ?? profile.email }),
  };
}

function buildAuthOptions(): NextAuthOptions {
  const env = serverEnv();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const credentials = ZCredentials.safeParse(raw);
        if (!credentials.success) return null;
        const clientAddress = clientAddressOf(request.headers ?? {});
        const result = await signInWithPassword({ ...credentials.data, clientAddress });
        if (result.outcome === "signed_in") return result.user;
        if (result.outcome === "wrong_credentials") return null;
        console.warn(`[auth] sign-in refused for ${credentials.data.email} from ${clientAddress}: too many wrong passwords from there`);
        // next-auth hands a thrown message to the sign-in form, which says how long to wait.
        throw new Error(`${SIGN_IN_THROTTLED}${Math.ceil(result.retryAfterMs / 1000)}`);
      },
    }),
  ];
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    providers.push(oidcProvider(env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET, env.OIDC_NAME));
  }
  if (env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET) {
    const github = GitHubProvider({ clientId: env.GITHUB_CLIENT_ID, clientSecret: env.GITHUB_CLIENT_SECRET });
    providers.push({
      ...github,
      userinfo: {
        url: "https://api.github.com/user",
        // The address comes from /user/emails, where GitHub says whether it is verified.
        async request({ client, tokens }) {
          const profile = await client.userinfo(tokens.access_token as string);
          const response = await outboundRequest({ url: "https://api.github.com/user/emails", headers: { Authorization: `token ${tokens.access_token}` } });
          const email = response.status === 200 ? verifiedGitHubEmail(JSON.parse(response.body) as Parameters<typeof verifiedGitHubEmail>[0]) : null;
          return { ...profile, email: email ?? undefined, email_verified: email !== null };
        },
      },
    });
  }

  return {
    providers,
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/signin", signOut: "/signout", error: "/signin" },
    callbacks: {
      async signIn({ user, account, profile }) {
        if (!account || account.provider === "credentials") return true;
        // Single sign-on: only an email the identity provider verified matches (or creates) an account.
        const email = verifiedSsoEmail(profile as Parameters<typeof verifiedSsoEmail>[0]);
        if (!email) {
          console.warn(`[auth] ${account.provider} sign-in refused: the provider did not verify the email ${user.email ?? "(none)"}`);
          return false;
        }
        const actor = await findOrCreateSsoUser(email, user.name ?? email, env.FIREBREAK_SSO_DEFAULT_ROLE);
        return actor !== null;
      },
      async jwt({ token, user, account, profile }) {
        if (user && account) {
          const ssoEmail = verifiedSsoEmail(profile as Parameters<typeof verifiedSsoEmail>[0]);
          if (account.provider === "credentials") token.uid = user.id;
          else if (ssoEmail) token.uid = (await findOrCreateSsoUser(ssoEmail, user.name ?? ssoEmail, env.FIREBREAK_SSO_DEFAULT_ROLE))?.id;
          // The session works until the user's session version moves on (lib/users/sessions.ts).
          if (typeof token.uid === "string") token.sv = await currentSessionVersion(token.uid);
        }
        return token;
      },
      session({ session, token }) {
        const claims = sessionClaims(token);
        if (session.user && claims) Object.assign(session.user, { id: claims.userId, sessionVersion: claims.sessionVersion });
        return session;
      },
    },
    events: {
      // Clearing the cookie is not enough: a copy of it would still work. Ending the session's version ends every copy.
      async signOut({ token }) {
        const claims = sessionClaims(token);
        if (claims) await endSessions(claims.userId, claims.sessionVersion);
      },
    },
  };
}

let cached: NextAuthOptions | undefined;
export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}

export function ssoProviders(): { id: string; name: string }[] {
  const env = serverEnv();
  return [...(env.OIDC_ISSUER ? [{ id: "oidc", name: env.OIDC_NAME }] : []), ...(env.GITHUB_CLIENT_ID ? [{ id: "github", name: "GitHub" }] : [])];
}
