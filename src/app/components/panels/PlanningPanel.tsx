/**
 * Place of the surgical planning: clinical form and the recommended plan.
 */
export function PlanningPanel() {
  return (
    <section
      className="panel planning-panel"
      aria-label="Planning"
      data-testid="planning-panel"
    >
      <h2>Planning</h2>
      <p className="muted">Clinical data and the recommended plan.</p>
    </section>
  );
}
