/**
 * The document shell of every page, and the one place pages become HTML. Rendering goes through
 * `preact-render-to-string`, which escapes every text and attribute value; no page builds HTML by hand.
 */
import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

export interface DocumentProps {
  title: string;
  /** A constant from `styles.ts` (or several joined). */
  style: string;
  /** Set on `<main id="main" data-state>`, for browser tests; without it the body holds the content as is. */
  state?: string;
  /** Reload the page every this many seconds (`<meta http-equiv="refresh">`). */
  refreshSeconds?: number;
  children: ComponentChildren;
}

/** A whole page: never indexed, never sending a referrer, with its inline stylesheet. */
export const Document = ({ title, style, state, refreshSeconds, children }: DocumentProps) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex, nofollow" />
      <meta name="referrer" content="no-referrer" />
      {refreshSeconds === undefined ? null : <meta http-equiv="refresh" content={String(refreshSeconds)} />}
      <title>{title}</title>
      <style>{style}</style>
    </head>
    <body>
      {state === undefined ? (
        children
      ) : (
        <main id="main" data-state={state}>
          {children}
        </main>
      )}
    </body>
  </html>
);

/** A page as served: `<!doctype html>` and the rendered document. */
export const renderPage = (page: VNode): string => `<!doctype html>\n${renderToString(page)}\n`;
