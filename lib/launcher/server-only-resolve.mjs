// A Node resolve hook (registered by server-only-in-node.ts): "server-only" resolves as a React server resolves it.
export async function resolve(specifier, context, nextResolve) {
  if (specifier !== "server-only") return nextResolve(specifier, context);
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
}
