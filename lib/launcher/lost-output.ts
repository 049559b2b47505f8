// When whatever reads the server's output goes away (a supervisor's pipe closed, a journal restarted),
// every later log line fails with EPIPE on stdout or stderr. Unhandled, that error reaches Next's
// uncaught-exception logger, whose own line fails the same way: the process spun at 100 % CPU,
// answered no request and ignored SIGTERM. Lines nobody can read are dropped; the server goes on.
const LOST_READER = new Set(["EPIPE", "ERR_STREAM_DESTROYED"]);

for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (!LOST_READER.has(error.code ?? "")) throw error;
  });
}
