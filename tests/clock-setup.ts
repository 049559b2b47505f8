// Every test worker (and the app processes tests start, which inherit the anchored setting) runs on
// the clock FIREBREAK_CLOCK names, when it is set: the Vitest projects at other instants (vitest.config.ts) and `npm run test:e2e:month-start` run that way.
import { installClockFromEnv } from "@/lib/clock/shifted-clock";

installClockFromEnv();
