// A worker thread does not get the launcher's `--import tsx` loader: register it here, then load the
// thread's TypeScript (thread.ts).
import { register } from "tsx/esm/api";

register();
await import("./thread.ts");
