/**
 * The connectors' credentials on AWS: one Secrets Manager secret (created empty by the stack, filled by
 * the operator: docs/connectors.md) holding a JSON object keyed by connector name. Read once per cold
 * start; a function started before the operator's change picks it up on its next cold start.
 */
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError } from '../errors';
import type { ConnectorSecrets } from '../ports';

export class SecretsManagerConnectorSecrets implements ConnectorSecrets {
  private all?: Promise<Record<string, unknown>>;

  constructor(
    private readonly client: SecretsManagerClient,
    private readonly secretId: string,
  ) {}

  async get(name: string): Promise<unknown> {
    this.all ??= this.read().catch((error: unknown) => {
      this.all = undefined; // a failed read is retried by the next request, not cached
      throw error;
    });
    return (await this.all)[name];
  }

  private async read(): Promise<Record<string, unknown>> {
    const { SecretString } = await this.client.send(new GetSecretValueCommand({ SecretId: this.secretId }));
    if (SecretString === undefined || SecretString.trim() === '') return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(SecretString);
    } catch (error) {
      throw new ConfigError('The connectors secret is not JSON', [], { cause: error });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ConfigError('The connectors secret must be a JSON object keyed by connector name', []);
    }
    return parsed as Record<string, unknown>;
  }
}
