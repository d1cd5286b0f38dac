import type { app as functionsApp } from '@azure/functions';

import type { FunctionDefinition } from '../functionDefinitions';

/** The storage connection setting the queue trigger reads (the Functions default). */
export const STORAGE_CONNECTION_SETTING = 'AzureWebJobsStorage';

/** Registers each definition with the Azure Functions v4 programming model. */
export function registerFunctions(app: typeof functionsApp, definitions: FunctionDefinition[]): void {
  for (const definition of definitions) {
    switch (definition.trigger) {
      case 'http':
        app.http(definition.name, {
          route: definition.route,
          methods: definition.methods,
          // Bot Framework authenticates each request itself (JWT from the Bot Connector).
          authLevel: 'anonymous',
          handler: definition.handler,
        });
        break;
      case 'timer':
        app.timer(definition.name, { schedule: definition.schedule, handler: definition.handler });
        break;
      case 'warmup':
        // Azure calls it on scale-out, on plans that have it (docs/deploy.md); elsewhere the first card pays.
        app.warmup(definition.name, { handler: definition.handler });
        break;
      case 'queue':
        app.storageQueue(definition.name, {
          queueName: definition.queueName,
          connection: STORAGE_CONNECTION_SETTING,
          handler: definition.handler,
        });
        break;
    }
  }
}
