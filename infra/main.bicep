// Azure resources for the trust plan bot (docs/deploy.md walks through them):
//   - a storage account for tables, queues and Flex Consumption's deployment container, with shared-key
//     access disabled: the Function App reaches it with its user-assigned managed identity;
//   - a Flex Consumption (FC1) plan and Function App on Node 22, one always-ready instance for the HTTP
//     group (the bot's endpoint), queue and timer functions scaling from zero;
//   - Application Insights on a Log Analytics workspace (Entra authentication, no instrumentation key);
//   - a single-tenant Azure Bot registration with the Teams channel. By default the bot *is* the managed
//     identity (MicrosoftAppType=UserAssignedMSI), so no bot password exists; a trust that must use an
//     Entra app registration with a client secret sets botAuthType=SingleTenant and the secret goes to Key
//     Vault, referenced from the app settings.
// Resource shapes follow Azure Verified Modules (avm/res/web/site, avm/res/storage/storage-account) and
// Microsoft's Flex Consumption samples (Azure-Samples/functions-quickstart-javascript-azd).

targetScope = 'resourceGroup'

@maxLength(16)
@minLength(4)
@description('Lower-case letters and digits; names every resource (the storage account adds a suffix).')
param resourceBaseName string

@description('What Teams shows as the bot\'s name.')
param botDisplayName string = 'Trust Plan'

@allowed(['UserAssignedMSI', 'SingleTenant'])
@description('UserAssignedMSI: the bot authenticates as the managed identity (no secret). SingleTenant: as an Entra app registration with a client secret kept in Key Vault.')
param botAuthType string = 'UserAssignedMSI'

@description('SingleTenant only: the client id of the bot\'s Entra app registration.')
param botAadAppClientId string = ''

@secure()
@description('SingleTenant only: that app registration\'s client secret; stored in Key Vault, never in app settings.')
param botAadAppClientSecret string = ''

@description('Folder in the deployed package with the trust\'s roster files (docs/roster-format.md), loaded when storage has no roster yet.')
param rosterDir string = 'roster'

@description('Node.js version of the Functions runtime: the newest LTS Flex Consumption offers.')
param nodeVersion string = '22'

@minValue(0)
@description('Always-ready instances of the HTTP group, so a person\'s message never waits for a cold start.')
param alwaysReadyHttpInstances int = 1

@minValue(40)
@maxValue(1000)
@description('Most instances the app scales to (Flex Consumption accepts 40 to 1000). With host.json\'s one queue message at a time and OUTBOX_SENDS_PER_SECOND, this bounds sends to Teams: 40 x 1 = 40 a second, under Teams\' 50 per tenant.')
param maximumInstanceCount int = 40

@allowed([512, 2048, 4096])
@description('Memory per instance, in MB.')
param instanceMemoryMB int = 2048

@description('The most proactive messages one instance sends per second (keep maximumInstanceCount x this under 50).')
param outboxSendsPerSecond string = '1'

param location string = resourceGroup().location
param tenantId string = subscription().tenantId

var useSecret = botAuthType == 'SingleTenant'
var storageName = take('${resourceBaseName}${uniqueString(resourceGroup().id)}', 24)
var deploymentContainer = 'app-package'

// Built-in role definition ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-id'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deployments 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainer
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor]: {
    name: guid(storage.id, identity.id, role)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: true
  }
}

resource insightsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = if (useSecret) {
  name: '${resourceBaseName}-kv'
  location: location
  properties: {
    tenantId: tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}

resource botSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (useSecret) {
  parent: vault
  name: 'bot-client-secret'
  properties: { value: botAadAppClientSecret }
}

resource vaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (useSecret) {
  name: guid(resourceGroup().id, '${resourceBaseName}-kv', identity.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

var botAppId = useSecret ? botAadAppClientId : identity.properties.clientId

// Every setting the code reads (src/config.ts) that production needs; the rest are optional and
// documented in .env.example. test/infra.test.ts keeps this list and the code in step.
var appSettings = {
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.properties.clientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
  NODE_ENV: 'production'
  MicrosoftAppType: botAuthType
  MicrosoftAppId: botAppId
  MicrosoftAppTenantId: tenantId
  ROSTER_DIR: rosterDir
  OUTBOX_SENDS_PER_SECOND: outboxSendsPerSecond
}
var secretSettings = useSecret
  ? { MicrosoftAppPassword: '@Microsoft.KeyVault(VaultName=${resourceBaseName}-kv;SecretName=bot-client-secret)' }
  : {}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: resourceBaseName
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: [{ name: 'http', instanceCount: alwaysReadyHttpInstances }]
      }
      runtime: { name: 'node', version: nodeVersion }
    }
  }
  dependsOn: [storageRoles, deployments]
}

resource functionAppSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: union(appSettings, secretSettings)
  dependsOn: [insightsRole, vaultRole, botSecret]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${functionApp.properties.defaultHostName}/api/messages'
    msaAppId: botAppId
    msaAppType: botAuthType
    msaAppTenantId: tenantId
    msaAppMSIResourceId: useSecret ? null : identity.id
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: { channelName: 'MsTeamsChannel' }
}

// What teamsapp.yml needs (written to env/.env.<environment> by arm/deploy).
output BOT_ID string = botAppId
output BOT_DOMAIN string = functionApp.properties.defaultHostName
output BOT_AZURE_FUNCTION_APP_RESOURCE_ID string = functionApp.id
output BOT_FUNCTION_APP_NAME string = functionApp.name
output STORAGE_ACCOUNT_NAME string = storage.name
