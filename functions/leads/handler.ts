/** Lambda entry for the ops lead endpoints, wired to AWS. */
import { LeadsService } from '../../shared/app/leads-service';
import { awsCoreDeps } from '../../shared/aws/deps';
import { makeHandler } from './make-handler';

export const handler = makeHandler({ leads: new LeadsService(awsCoreDeps()) });
