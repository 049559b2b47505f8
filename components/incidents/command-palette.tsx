"use client";

import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";

/** `available` is asked when the palette opens: a command whose control is not on the page is left out. The others follow the room live. */
export type TRoomCommand = { id: string; label: string; run: () => void; available?: () => boolean };

export type TCommandPaletteLabels = { open: string; title: string; search: string; none: string; close: string };

/**
 * Ctrl+K on Windows and Linux, ⌘K on a Mac (where Ctrl+K deletes to the end of a line in a text
 * field): the shortcut people know from chat and issue trackers, on any keyboard layout (KeyK).
 */
function isPaletteShortcut(event: KeyboardEvent) {
  const onMac = /Mac|iPhone|iPad/.test(navigator.platform);
  const modifier = onMac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  return modifier && !event.altKey && !event.shiftKey && !event.repeat && (event.code === "KeyK" || event.key.toLowerCase() === "k");
}

/**
 * The room's command palette: status, severity, roles, the stakeholder update, a note and key
 * events from the keyboard. Type to narrow the list, arrows to choose, Enter to run; Escape, the
 * close button or a tap outside it closes it (a phone has no Escape key).
 * A command runs after the dialog has closed and given focus back, so a command that moves focus
 * (to the note box, a role's hand-off) keeps it.
 */
export function CommandPalette({ commands, labels }: { commands: TRoomCommand[]; labels: TCommandPaletteLabels }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const [availableIds, setAvailableIds] = useState<Set<string>>(new Set());
  const listId = useId();
  const pressedOnBackdrop = useRef(false);
  // A press on the backdrop lands on the dialog element itself, outside its box.
  const onBackdrop = (event: { target: EventTarget; clientX: number; clientY: number }) => {
    const box = dialog.current?.getBoundingClientRect();
    if (event.target !== dialog.current || !box) return false;
    return event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom;
  };
  const latestCommands = useRef(commands);
  useEffect(() => {
    latestCommands.current = commands;
  }, [commands]);
  const matching = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const offered = (command: TRoomCommand) => command.available === undefined || availableIds.has(command.id);
    return commands.filter((command) => offered(command) && words.every((word) => command.label.toLowerCase().includes(word)));
  }, [commands, availableIds, query]);

  const open = useCallback(() => {
    setQuery("");
    setActive(0);
    setAvailableIds(new Set(latestCommands.current.filter((command) => command.available?.()).map((command) => command.id)));
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !isPaletteShortcut(event)) return;
      // Another dialog (resolving) keeps the keyboard until it is closed.
      if ([...document.querySelectorAll("dialog[open]")].some((open) => open !== dialog.current)) return;
      event.preventDefault();
      if (dialog.current?.open) dialog.current.close();
      else open();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [open]);

  const run = (command: TRoomCommand | undefined) => {
    if (!command) return;
    dialog.current?.close();
    requestAnimationFrame(() => command.run());
  };
  const chosen = Math.min(active, Math.max(0, matching.length - 1));

  return (
    <>
      <button type="button" className="small" onClick={open} aria-keyshortcuts="Control+K Meta+K" data-testid="open-palette">
        {labels.open}
      </button>
      <dialog
        ref={dialog}
        className="dialog palette"
        aria-label={labels.title}
        data-testid="command-palette"
        onPointerDown={(event) => (pressedOnBackdrop.current = onBackdrop(event))}
        onClick={(event) => {
          // Pressed and released on the backdrop: a drag that began inside (selecting the typed text) ends outside without closing.
          if (pressedOnBackdrop.current && onBackdrop(event)) dialog.current?.close();
          pressedOnBackdrop.current = false;
        }}
      >
        <div className="palette-search">
          <input
            type="text"
            role="combobox"
            aria-label={labels.search}
            aria-expanded="true"
            aria-controls={listId}
            aria-activedescendant={matching.length > 0 ? `${listId}-${chosen}` : undefined}
            aria-autocomplete="list"
            placeholder={labels.search}
            value={query}
            autoComplete="off"
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
            }}
            onKeyDown={(event) => {
              // The Enter that ends a Japanese input method's conversion is not a choice.
              if (event.nativeEvent.isComposing || event.keyCode === 229) return;
              if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                event.preventDefault();
                const step = event.key === "ArrowDown" ? 1 : -1;
                setActive((chosen + step + matching.length) % Math.max(1, matching.length));
              } else if (event.key === "Enter") {
                event.preventDefault();
                run(matching[chosen]);
              }
            }}
          />
          <button type="button" className="small palette-close" aria-label={labels.close} onClick={() => dialog.current?.close()}>
            ×
          </button>
        </div>
        <ul id={listId} role="listbox" aria-label={labels.title} className="palette-list">
          {matching.map((command, index) => (
            <li
              key={command.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === chosen}
              data-command={command.id}
              onMouseMove={() => setActive(index)}
              onClick={() => run(command)}
            >
              {command.label}
            </li>
          ))}
        </ul>
        <p className="muted small" role="status">
          {matching.length === 0 ? labels.none : ""}
        </p>
      </dialog>
    </>
  );
}
