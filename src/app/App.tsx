/** Top-level layout: study loading and viewer, segmentation, planning. */
export function App() {
  return (
    <main>
      <h1>NephroPlan</h1>
      <p role="note">Research tool, not a medical device.</p>
    </main>
  );
}
