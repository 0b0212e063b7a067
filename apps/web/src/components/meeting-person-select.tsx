/** A person of the meeting chosen by name: a labelled select of display names, `–` for nobody yet. */
export function PersonSelect({
  id,
  label,
  help,
  people,
  value,
  required,
  onChange,
}: {
  id: string;
  label: string;
  help?: string;
  people: Array<{ username: string; displayName: string }>;
  value: string;
  required?: boolean;
  onChange: (v: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {help && (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      <select id={id} required={required} aria-describedby={help ? `${id}-help` : undefined} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">–</option>
        {people.map((p) => (
          <option key={p.username} value={p.username}>
            {p.displayName}
          </option>
        ))}
      </select>
    </div>
  );
}
