// `npm start` builds the production bundle only when the sources changed since the last build.
import { spawnSync } from "node:child_process";
import { productionBuildIsStale } from "../lib/launcher/build-freshness";

if (productionBuildIsStale(process.cwd())) {
  console.log("Building Firebreak (first start, or the sources changed)…");
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  process.exit(build.status ?? 1);
}
