/** The local runner's "phone": every SMS and email the pipeline sent, newest first, handoff links clickable. */
import { Document, renderPage } from './layout';
import { PHONE_STYLE } from './styles';

/** What the page shows of a sent message. */
export interface PhoneMessage {
  channel: 'sms' | 'email';
  to: string;
  recipientId: string;
  subject?: string;
  body: string;
  sentAt: string;
}

const HANDOFF_LINK = /https?:\/\/\S+\/h\/[A-Za-z0-9_-]+/g;

/** The body's text with each handoff link as a link. */
const BodyText = ({ body }: { body: string }) => {
  const parts: (string | { url: string })[] = [];
  let last = 0;
  for (const match of body.matchAll(HANDOFF_LINK)) {
    parts.push(body.slice(last, match.index), { url: match[0] });
    last = match.index + match[0].length;
  }
  parts.push(body.slice(last));
  return (
    <pre>{parts.map((part) => (typeof part === 'string' ? part : <a href={part.url}>{part.url}</a>))}</pre>
  );
};

const Message = ({ message }: { message: PhoneMessage }) => (
  <li class={message.channel}>
    <div class="meta">
      {`${message.channel.toUpperCase()} to ${message.recipientId} · ${message.to} · ${message.sentAt}`}
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
export const PhonePage = ({ messages }: { messages: readonly PhoneMessage[] }) => (
  <Document title="Local phone" style={PHONE_STYLE}>
    <h1>Local phone</h1>
    <p>Every SMS and email the pipeline sent (newest first). Open a link to see the handoff.</p>
    <ul id="outbox">
      {messages.length === 0 ? (
        <li>Nothing sent yet.</li>
      ) : (
        [...messages].reverse().map((message, index) => <Message key={index} message={message} />)
      )}
    </ul>
  </Document>
);

export const phonePage = (messages: readonly PhoneMessage[]): string =>
  renderPage(<PhonePage messages={messages} />);
