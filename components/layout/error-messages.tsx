"use client";

import { createContext, useContext, type ReactNode } from "react";

/** The error page's lines in the signed-in user's language. */
export type TErrorMessages = { title: string; retry: string };

// An error boundary gets no props, and the dictionaries are too large to ship to the browser for two
// lines: the layout above it hands them down. The error boundary always sits inside that layout.
const ErrorMessagesContext = createContext<TErrorMessages>({ title: "", retry: "" });

export function ErrorMessagesProvider({ messages, children }: { messages: TErrorMessages; children: ReactNode }) {
  return <ErrorMessagesContext.Provider value={messages}>{children}</ErrorMessagesContext.Provider>;
}

export const useErrorMessages = () => useContext(ErrorMessagesContext);
