/**
 * The Azure Functions (v4 Node model) entry: registers every function definition. Configuration is
 * read once at start-up; a missing setting stops the host with the setting's name in its log.
 */
import { app } from '@azure/functions';

import { loadConfig } from '../../config';
import { functionDefinitions } from '../functionDefinitions';
import { createServices } from '../services';
import { registerFunctions } from './registerFunctions';

app.setup({ enableHttpStream: false });

const services = createServices(loadConfig(process.env), { clock: () => new Date() });
registerFunctions(app, functionDefinitions(services));
