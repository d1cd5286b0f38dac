import {
  AzureCliCredential,
  ChainedTokenCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from '@azure/identity';

/**
 * The credential for identity-based storage connections: in Azure, the Function App's managed identity
 * (the user-assigned one when its client id is given, as infra/main.bicep sets it); on an
 * administrator's machine (`npm run cli -- roster check`), whoever ran `az login`. Tokens are fetched on
 * first use, never at construction.
 */
export function storageCredential(clientId: string | undefined): TokenCredential {
  const managedIdentity = clientId
    ? new ManagedIdentityCredential({ clientId })
    : new ManagedIdentityCredential();
  return new ChainedTokenCredential(managedIdentity, new AzureCliCredential());
}
