/**
 * The board's sign-in pages: the form asking for a phone or email, the answer after it (the same
 * whoever asked), the page a sign-in link opens (a button: opening the link never signs in), and the
 * page for a link that no longer works.
 */
import { Document, renderPage } from './layout';
import { BOARD_STYLE, PAGE_STYLE } from './styles';

const STYLE = `${PAGE_STYLE}\n${BOARD_STYLE}`;

/** `GET /sign-in`: the form. `action` is where it posts (relative to the page). */
export const signInFormPage = (businessName: string, action: string, notice?: string): string =>
  renderPage(
    <Document title={`Sign in – ${businessName}`} style={STYLE} state="sign-in">
      <h1>Sign in to the board</h1>
      {notice ? (
        <div class="status" role="status" id="status">
          {notice}
        </div>
      ) : null}
      <section>
        <form method="post" action={action}>
          <label class="field" for="contact">
            Your phone number or email
          </label>
          <p class="hint" id="contact-hint">
            The one on the team roster. We send a sign-in link there; it works once, for 15 minutes.
          </p>
          <input
            type="text"
            id="contact"
            name="contact"
            autocomplete="username"
            inputmode="email"
            required
            maxlength={254}
            aria-describedby="contact-hint"
          />
          <button type="submit" class="primary">
            Send me a sign-in link
          </button>
        </form>
      </section>
    </Document>,
  );

/** `POST /sign-in`: the same answer whether or not the address is on the roster. */
export const signInSentPage = (businessName: string, again: string): string =>
  renderPage(
    <Document title={`Check your phone or email – ${businessName}`} style={STYLE} state="sign-in-sent">
      <h1>Check your phone or email</h1>
      <div class="status" role="status" id="status">
        If that phone number or email is on the team roster, a sign-in link is on its way to it. The link
        works once, for 15 minutes.
      </div>
      <p>
        <a class="tap" href={again}>
          Ask for another link
        </a>
      </p>
    </Document>,
  );

/** `GET /s/{token}`: a button that signs in (a link preview's GET changes nothing). */
export const signInLinkPage = (businessName: string, action: string): string =>
  renderPage(
    <Document title={`Sign in – ${businessName}`} style={STYLE} state="sign-in-link">
      <h1>Sign in to the board</h1>
      <section>
        <p>This link signs you in on this device. It works once.</p>
        <form method="post" action={action}>
          <button type="submit" class="primary">
            Sign in
          </button>
        </form>
      </section>
    </Document>,
  );

/** A sign-in link that is unknown, used or expired. */
export const signInLinkGonePage = (businessName: string, again: string): string =>
  renderPage(
    <Document title={`Link no longer works – ${businessName}`} style={STYLE} state="sign-in-gone">
      <h1>This sign-in link no longer works</h1>
      <div class="status" role="status" id="status">
        Sign-in links work once, for 15 minutes. Ask for a new link.
      </div>
      <p>
        <a class="tap" href={again}>
          Ask for a new sign-in link
        </a>
      </p>
    </Document>,
  );
