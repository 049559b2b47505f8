import { NotificationListener } from "@/lib/db/listener";
import type { TIngestIntegration } from "./ingest";

const CHANNEL = "firebreak_integrations";
// Integrations are few (an admin adds each); the bound only guards memory against the unexpected.
const MAX_KEPT = 10_000;

/**
 * The integrations webhooks are addressed to, by key, kept in this process so that a delivery costs
 * no lookup (at saturation the lookup was a quarter of the intake's cost: decision 029). A trigger
 * NOTIFYs every change to an integration (created, edited, key rotated, deleted), from any process,
 * and every process forgets what it kept. While this process is not listening (connecting, or its
 * connection lost) nothing is kept or served from memory: every delivery reads the database, so a
 * rotated key or a deleted integration is never honoured for longer than a notification takes.
 */
class IntegrationCache {
  private readonly kept = new Map<string, TIngestIntegration>();
  // Bumped by every change heard of: a read that began before a change is not kept after it.
  private generation = 0;
  private readonly listener = new NotificationListener([CHANNEL], {
    notification: () => this.forget(),
    lost: () => this.forget(),
    resync: () => this.forget(),
  });

  async byKey(key: string, read: (key: string) => Promise<TIngestIntegration | null>): Promise<TIngestIntegration | null> {
    if (!this.listener.isListening()) {
      void this.listener.ready().catch(() => {});
      return read(key);
    }
    const known = this.kept.get(key);
    if (known) return known;
    const generation = this.generation;
    const found = await read(key);
    // Unknown keys are not kept: a flood of made-up keys must not fill memory.
    if (found && generation === this.generation && this.listener.isListening()) {
      if (this.kept.size >= MAX_KEPT) this.kept.clear();
      this.kept.set(key, found);
    }
    return found;
  }

  private forget() {
    this.generation += 1;
    this.kept.clear();
  }
}

const globalForCache = globalThis as unknown as { firebreakIntegrationCache?: IntegrationCache };

/** The integration with this key, from the process's memory when it can be trusted, else read with `read`. */
export function cachedIntegrationByKey(key: string, read: (key: string) => Promise<TIngestIntegration | null>): Promise<TIngestIntegration | null> {
  globalForCache.firebreakIntegrationCache ??= new IntegrationCache();
  return globalForCache.firebreakIntegrationCache.byKey(key, read);
}
