"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";

/**
 * A menu of the top bar (administration, the signed-in person's own pages): a disclosure that
 * closes when a page is chosen, on a click elsewhere, on Escape and when the keyboard's focus moves
 * on past it, so the bar stays on one row and an open menu never hides the page being tabbed to.
 */
export function NavMenu({ label, testId, children }: { label: ReactNode; testId: string; children: ReactNode }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);
  useEffect(() => {
    const closeOutside = (event: MouseEvent) => {
      if (menu.current?.open && !menu.current.contains(event.target as Node)) menu.current.open = false;
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !menu.current?.open) return;
      menu.current.open = false;
      menu.current.querySelector("summary")?.focus();
    };
    document.addEventListener("click", closeOutside);
    document.addEventListener("keydown", closeOnEscape);
    return () => {
      document.removeEventListener("click", closeOutside);
      document.removeEventListener("keydown", closeOnEscape);
    };
  }, []);
  return (
    <details
      ref={menu}
      className="nav-menu"
      data-testid={testId}
      onBlur={(event) => {
        if (menu.current?.open && event.relatedTarget && !menu.current.contains(event.relatedTarget)) menu.current.open = false;
      }}
    >
      <summary>{label}</summary>
      <div className="nav-menu-items">{children}</div>
    </details>
  );
}
