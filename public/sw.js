// Firebreak's service worker: shows on-call notifications sent by Web Push (lib/notifications/channels/webpush.ts)
// and opens the incident, or the acknowledge / escalate link of the button tapped.
self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { title: "Firebreak", body: event.data ? event.data.text() : "" };
  }
  const actions = Array.isArray(data.actions) ? data.actions : [];
  event.waitUntil(
    self.registration.showNotification(data.title || "Firebreak", {
      body: data.body || "",
      icon: "/icon.svg",
      tag: data.url || undefined,
      renotify: true,
      requireInteraction: true,
      data: { url: data.url || "/", actions },
      actions: actions.map((action) => ({ action: action.action, title: action.title })),
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const data = event.notification.data || {};
  const chosen = (data.actions || []).find((action) => action.action === event.action);
  const url = (chosen && chosen.url) || data.url || "/";
  // Only web pages: a message can carry no other kind of link.
  if (!/^https?:\/\//.test(url) && !url.startsWith("/")) return;
  event.waitUntil(self.clients.openWindow(url));
});
