// Azure resources for the trust plan bot: a storage account (tables, queues and the Functions runtime),
// a Linux Consumption Functions app on Node 20 running dist/src/hosts/azureFunctions, and a
// single-tenant Azure Bot registration with the Teams channel. Multi-tenant bots are deprecated.

@maxLength(20)
@minLength(4)
@description('Used to name every resource.')
param resourceBaseName string

@description('Client id of the bot\'s single-tenant Entra app registration.')
param botAadAppClientId string

@secure()
@description('Client secret of that app registration.')
param botAadAppClientSecret string

param botDisplayName string = 'Trust Plan'

@description('Folder in the deployed package with the trust\'s roster files (docs/roster-format.md), loaded when storage has no roster yet.')
param rosterDir string = 'roster'
param location string = resourceGroup().location
param tenantId string = subscription().tenantId

var storageName = toLower(replace(resourceBaseName, '-', ''))

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

var storageConnection = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};EndpointSuffix=${environment().suffixes.storage};AccountKey=${storage.listKeys().keys[0].value}'

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'functionapp'
  sku: { name: 'Y1', tier: 'Dynamic' }
  properties: { reserved: true }
}

resource functionApp 'Microsoft.Web/sites@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'functionapp,linux'
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'Node|20'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'AzureWebJobsStorage', value: storageConnection }
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'node' }
        { name: 'NODE_ENV', value: 'production' }
        { name: 'MicrosoftAppId', value: botAadAppClientId }
        { name: 'MicrosoftAppPassword', value: botAadAppClientSecret }
        { name: 'MicrosoftAppType', value: 'SingleTenant' }
        { name: 'MicrosoftAppTenantId', value: tenantId }
        { name: 'ROSTER_DIR', value: rosterDir }
      ]
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${functionApp.properties.defaultHostName}/api/messages'
    msaAppId: botAadAppClientId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: { channelName: 'MsTeamsChannel' }
}

output BOT_AZURE_FUNCTION_APP_RESOURCE_ID string = functionApp.id
output BOT_DOMAIN string = functionApp.properties.defaultHostName
