/**
 * How a lead was captured (docs/product-rules.md §2), for the board's lead page: a source's test lead,
 * what intake left out or could not match — in the customer's own words — and the other details the
 * source sent. Nothing when there is nothing to say.
 */
import type { CaptureWords } from '../domain/capture-words';

/** The capture of one lead: a notice for a test lead, then the warnings and the other details as lists. */
export const CaptureSection = ({ capture }: { capture: CaptureWords }) => {
  if (!capture.test && capture.warnings.length === 0 && capture.otherDetails.length === 0) return null;
  return (
    <section aria-labelledby="capture-heading" id="capture">
      <h2 id="capture-heading">How this lead came in</h2>
      {capture.test ? (
        <p id="test-lead">
          Test lead: the source sent it to check the connection. It was stored, never routed, and nobody was
          notified. It is not counted in the numbers.
        </p>
      ) : null}
      {capture.warnings.length > 0 ? (
        <>
          <h3>Check at intake</h3>
          <ul id="capture-warnings">
            {capture.warnings.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : null}
      {capture.otherDetails.length > 0 ? (
        <>
          <h3>Other details sent</h3>
          <ul id="other-details">
            {capture.otherDetails.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
};
