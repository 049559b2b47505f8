/** The runtime's IANA zones as a datalist, so a zone field suggests while accepting typing. */
export function ZoneList() {
  return (
    <datalist id="time-zones">
      {Intl.supportedValuesOf("timeZone").map((zone) => (
        <option key={zone} value={zone} />
      ))}
    </datalist>
  );
}
