/** The parts every page about one handoff shares: the summary line and the handoff note. */
import type { HandoffNote } from '../domain/handoff-note';
import { isUrgent } from '../domain/lead';
import { type NoteFact, noteFacts } from '../domain/note-facts';

const SAFE_PHONE = /^\+?[0-9]{6,15}$/;
const SAFE_EMAIL = /^[^\s@<>"'()[\]\\,;:]+@[^\s@<>"'()[\]\\,;:]+\.[^\s@<>"'()[\]\\,;:]+$/;

/** A fact's value: the phone and email as links to tap (only when well formed), a list, or text. */
const FactValue = ({ fact, note }: { fact: NoteFact; note: HandoffNote }) => {
  const { phone, email } = note.contact;
  if (fact.key === 'phone' && phone !== undefined && SAFE_PHONE.test(phone)) {
    return (
      <a class="tap" href={`tel:${phone}`}>
        {phone}
      </a>
    );
  }
  if (fact.key === 'email' && email !== undefined && SAFE_EMAIL.test(email)) {
    return (
      <a class="tap" href={`mailto:${email}`}>
        {email}
      </a>
    );
  }
  if (Array.isArray(fact.value)) {
    return (
      <ul>
        {fact.value.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    );
  }
  return <>{fact.value}</>;
};

/** The handoff note as a definition list; each value carries its fact's key in `data-fact`. */
export const NoteSection = ({ note }: { note: HandoffNote }) => (
  <section aria-labelledby="note-heading">
    <h2 id="note-heading">Handoff note</h2>
    <dl id="note">
      {noteFacts(note).map((fact) => [
        <dt key={`${fact.key}-label`}>{fact.label}</dt>,
        <dd key={fact.key} data-fact={fact.key}>
          <FactValue fact={fact} note={note} />
        </dd>,
      ])}
    </dl>
  </section>
);

/** `Emergency · Plumbing repair · South Austin / Buda (78704)` with the urgency as a badge. */
export const Summary = ({ note }: { note: HandoffNote }) => {
  const urgent = note.urgency !== undefined && isUrgent(note.urgency);
  return (
    <p id="summary">
      <span class={urgent ? 'badge urgent' : 'badge'}>{note.urgencyLabel}</span> {note.serviceLabel} ·{' '}
      {note.area}
      <br />
      Customer: {note.leadName}
    </p>
  );
};

/** The closing line of pages that show times. */
export const TimesIn = ({ timeZone }: { timeZone: string }) => (
  <p class="hint">Times are in {timeZone} time.</p>
);
