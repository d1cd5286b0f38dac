import { ManagedIdentityCredential, type TokenCredential } from '@azure/identity';

/**
 * The Function App's managed identity, for identity-based storage connections: the user-assigned one
 * when its client id is given (as infra/main.bicep sets it), else the system-assigned one. Tokens are
 * fetched on first use, never at construction.
 */
export function managedIdentityCredential(clientId: string | undefined): TokenCredential {
  return clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential();
}
