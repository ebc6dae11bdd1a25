/** The page for a request a link cannot take (a bad form, server trouble): what happened, in words. */
import { Document, renderPage } from './layout';
import { PAGE_STYLE } from './styles';

export interface ProblemPageProps {
  title: string;
  message: string;
}

export const ProblemPage = ({ title, message }: ProblemPageProps) => (
  <Document title={title} style={PAGE_STYLE} state="problem">
    <h1>{title}</h1>
    <div class="status" role="status" id="status">
      {message}
    </div>
  </Document>
);

/** The problem page as HTML, e.g. `problemPage('Too large', 'The form is too large.')`. */
export const problemPage = (title: string, message: string): string =>
  renderPage(<ProblemPage title={title} message={message} />);
