"use client";

import { useState } from "react";
import type { TActionState } from "@/lib/http/action-state";

type TTexts = { subscribe: string; unsupported: string; denied: string; done: string; label: string };

/** The VAPID public key (base64url) as the bytes PushManager.subscribe wants. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = (base64url + "=".repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let index = 0; index < raw.length; index += 1) bytes[index] = raw.charCodeAt(index);
  return bytes;
}

/** Registers /sw.js, asks for permission on the click (browsers require a gesture), subscribes and saves the subscription. */
export function PushSubscribeButton({ publicKey, texts, save }: { publicKey: string; texts: TTexts; save: (subscription: unknown, label: string) => Promise<TActionState> }) {
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  async function subscribe() {
    if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return setMessage(texts.unsupported);
    setBusy(true);
    try {
      const permission = await Notification.requestPermission();
      if (permission !== "granted") return setMessage(texts.denied);
      const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
      await navigator.serviceWorker.ready;
      const subscription = (await registration.pushManager.getSubscription()) ?? (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
      const result = await save(subscription.toJSON(), texts.label.replace("{platform}", navigator.platform || "?"));
      setMessage(result?.error ?? texts.done);
    } catch (error) {
      setMessage(error instanceof Error ? `${texts.unsupported} (${error.message})` : texts.unsupported);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div>
      <button type="button" onClick={() => void subscribe()} disabled={busy} aria-busy={busy}>
        {texts.subscribe}
      </button>
      <span role="status" aria-live="polite" className="small">
        {message ? ` ${message}` : ""}
      </span>
    </div>
  );
}
