// Every test worker (and the app processes tests start, which inherit the anchored setting) runs on
// the clock FIREBREAK_CLOCK names, when it is set: `npm run test:clocks` runs the suite that way.
import { installClockFromEnv } from "@/lib/clock/shifted-clock";

installClockFromEnv();
