/**
 * The local runner's "phone": every SMS and email the pipeline sent, newest first, links clickable,
 * times on the business's wall clock. It reloads itself, so a message appears without a tap.
 */
import { formatLocalDate } from '../domain/date-wording';
import { Document, renderPage } from './layout';
import { PHONE_STYLE } from './styles';

/** What the page shows of a sent message. */
export interface PhoneMessage {
  /** The id the send was answered with (what a delivery report names: `POST /_local/sms/delivery`). */
  id?: string;
  channel: 'sms' | 'email';
  to: string;
  recipientId: string;
  subject?: string;
  body: string;
  sentAt: string;
}

export interface PhonePageOptions {
  /** The business time zone every time is shown in. */
  timeZone: string;
  /** Who each recipient id is, in words (roster names); an unknown id is shown as it is. */
  names?: ReadonlyMap<string, string>;
  /** The runner's time now (worth showing on a manual clock). */
  now?: Date;
}

/** How often the page reloads itself. */
export const PHONE_REFRESH_SECONDS = 5;

/** A link in a message, without the sentence's punctuation after it. */
const LINK = /https?:\/\/[^\s<>"]*[^\s<>".,;:!?)]/g;

/** The body's text with each link as a link. */
const BodyText = ({ body }: { body: string }) => {
  const parts: (string | { url: string })[] = [];
  let last = 0;
  for (const match of body.matchAll(LINK)) {
    parts.push(body.slice(last, match.index), { url: match[0] });
    last = match.index + match[0].length;
  }
  parts.push(body.slice(last));
  return (
    <pre>{parts.map((part) => (typeof part === 'string' ? part : <a href={part.url}>{part.url}</a>))}</pre>
  );
};

const Message = ({ message, options }: { message: PhoneMessage; options: PhonePageOptions }) => (
  <li class={message.channel}>
    <div class="meta">
      {`${message.channel.toUpperCase()} to ${options.names?.get(message.recipientId) ?? message.recipientId} · ${message.to} · `}
      <time dateTime={message.sentAt}>{formatLocalDate(message.sentAt, options.timeZone)}</time>
      {message.id ? (
        <>
          {' · message id '}
          <code>{message.id}</code>
        </>
      ) : null}
    </div>
    {message.subject ? (
      <>
        <strong>{message.subject}</strong>
        <br />
      </>
    ) : null}
    <BodyText body={message.body} />
  </li>
);

/** `messages` in the order sent; the page lists them newest first. */
export const PhonePage = ({
  messages,
  options,
}: {
  messages: readonly PhoneMessage[];
  options: PhonePageOptions;
}) => (
  <Document title="Local phone" style={PHONE_STYLE} refreshSeconds={PHONE_REFRESH_SECONDS}>
    <h1>Local phone</h1>
    <p>
      Every SMS and email the pipeline sent (newest first). Open a link to see the handoff. Each SMS shows its
      message id: the local delivery-report endpoint takes it to report the text undelivered. Times are the
      business's local time ({options.timeZone})
      {options.now ? `; it is now ${formatLocalDate(options.now.toISOString(), options.timeZone)}` : ''}. This
      page reloads every {PHONE_REFRESH_SECONDS} seconds.
    </p>
    <ul id="outbox">
      {messages.length === 0 ? (
        <li>Nothing sent yet.</li>
      ) : (
        [...messages]
          .reverse()
          .map((message, index) => <Message key={index} message={message} options={options} />)
      )}
    </ul>
  </Document>
);

export const phonePage = (messages: readonly PhoneMessage[], options: PhonePageOptions): string =>
  renderPage(<PhonePage messages={messages} options={options} />);
