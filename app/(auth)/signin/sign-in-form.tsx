"use client";

import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { SIGN_IN_THROTTLED } from "@/lib/auth/sign-in-throttle";

type TStrings = { email: string; password: string; submit: string; failed: string; throttled: string; or: string; withProvider: string[] };

export function SignInForm({ strings, providers }: { strings: TStrings; providers: { id: string; name: string }[] }) {
  const router = useRouter();
  const callbackUrl = useSearchParams().get("callbackUrl") ?? "/incidents";
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    const form = new FormData(event.currentTarget);
    const result = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false });
    setPending(false);
    if (result?.ok && !result.error) {
      // Only same-site paths: a sign-in link must not bounce people to another site.
      router.replace(callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/incidents");
      router.refresh();
    } else if (result?.error?.startsWith(SIGN_IN_THROTTLED)) {
      setFailure(strings.throttled.replace("{seconds}", result.error.slice(SIGN_IN_THROTTLED.length)));
    } else setFailure(strings.failed);
  }

  return (
    <>
      <form className="fields" onSubmit={submit}>
        <label className="field">
          {strings.email}
          <input name="email" type="email" autoComplete="username" required autoFocus />
        </label>
        <label className="field">
          {strings.password}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {failure ? (
          <p role="alert" className="form-error">
            {failure}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={pending}>
          {strings.submit}
        </button>
      </form>
      {providers.length > 0 ? (
        <div className="stack" style={{ marginTop: "1rem" }}>
          <p className="muted small" style={{ textAlign: "center" }}>
            {strings.or}
          </p>
          {providers.map((provider, index) => (
            <button key={provider.id} type="button" onClick={() => void signIn(provider.id, { callbackUrl: "/incidents" })}>
              {strings.withProvider[index]}
            </button>
          ))}
        </div>
      ) : null}
    </>
  );
}
