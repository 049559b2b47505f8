// `import "server-only"` (lib/env/server-env.ts, the secrets) makes a browser bundle that reaches the
// module fail to build; Next resolves it on the server with the "react-server" condition, to an empty
// module. Plain Node resolves its default entry, which always throws. The launcher and the tests'
// app processes are plain Node, never bundled for a browser: they resolve it as Next's server does.
// It takes effect for modules loaded after it runs: the launcher loads the app's modules with import().
import { register } from "node:module";

register("./server-only-resolve.mjs", import.meta.url);
