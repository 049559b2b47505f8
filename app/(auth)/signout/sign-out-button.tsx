"use client";

import { signOut } from "next-auth/react";

export function SignOutButton({ label }: { label: string }) {
  return (
    <button type="button" className="primary" autoFocus onClick={() => void signOut({ callbackUrl: "/signin" })}>
      {label}
    </button>
  );
}
